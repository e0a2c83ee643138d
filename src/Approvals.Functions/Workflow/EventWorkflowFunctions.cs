using Approvals.Events;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Approvals.Functions.Workflow;

/// <summary>A published workshop's life after publication as Durable Functions; each body hands over to the library.</summary>
public sealed class EventWorkflowFunctions(AnnounceChange announceChange)
{
    [Function(nameof(WorkshopEvent))]
    public static Task<EventOutcome> RunEventOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, EventStarted input) =>
        new WorkshopEvent().RunAsync(context, input);

    [Function(nameof(AnnounceChange))]
    public Task<int> RunAnnounceChange([ActivityTrigger] EventChange change) => announceChange.ExecuteAsync(change);
}
