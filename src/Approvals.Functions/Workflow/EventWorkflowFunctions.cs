using Approvals.Events;
using Approvals.Participants;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Approvals.Functions.Workflow;

/// <summary>A published workshop's life after publication as Durable Functions; each body hands over to the library.</summary>
public sealed class EventWorkflowFunctions(
    AnnounceChange announceChange, RecordAnswer recordAnswer, ApplySubstitution applySubstitution, RemindParticipants remindParticipants)
{
    [Function(nameof(WorkshopEvent))]
    public static Task<EventOutcome> RunEventOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, EventStarted input) =>
        new WorkshopEvent().RunAsync(context, input);

    [Function(nameof(AnnounceChange))]
    public Task<int> RunAnnounceChange([ActivityTrigger] EventChange change) => announceChange.ExecuteAsync(change);

    [Function(nameof(RecordAnswer))]
    public Task<RosterOutcome> RunRecordAnswer([ActivityTrigger] AnswerChange change) => recordAnswer.ExecuteAsync(change);

    [Function(nameof(ApplySubstitution))]
    public Task<RosterOutcome> RunApplySubstitution([ActivityTrigger] SubstitutionChange change) => applySubstitution.ExecuteAsync(change);

    [Function(nameof(RemindParticipants))]
    public Task<int> RunRemindParticipants([ActivityTrigger] AnswerReminder reminder) => remindParticipants.ExecuteAsync(reminder);
}
