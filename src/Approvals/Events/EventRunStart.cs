using Approvals.Proposals;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Approvals.Events;

/// <summary>Starts a workshop's <see cref="WorkshopEvent"/> run: at publication for workshops published from now on,
/// and, for one published before, at the first request that needs it.</summary>
public static class EventRunStart
{
    public static EventStarted InputOf(string workshopId, Proposal proposal, int round, Timing timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new EventStarted(workshopId, proposal, round, timing.ActivityRetryInterval, EventStarted.Current, timing.ChangeCutoff, timing.AnswerReminderBefore);
    }

    /// <summary>Starts the run unless it exists; false when it ran and ended (last day over, or cancelled).</summary>
    public static async Task<bool> StartAsync(DurableTaskClient client, EventStarted input, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        var instance = AfterPublicationApi.InstanceOf(input.WorkshopId);
        if (await client.GetInstanceAsync(instance, getInputsAndOutputs: false, cancellation) is { } existing) return !existing.IsCompleted;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(nameof(WorkshopEvent)), input, new StartOrchestrationOptions(instance), cancellation);
        }
        catch (Exception) when (!cancellation.IsCancellationRequested)
        {
            // Two first requests at once (or a retried publication): the other one started the run, and this one joins it.
            if (await client.GetInstanceAsync(instance, getInputsAndOutputs: false, cancellation) is null) throw;
        }

        return true;
    }

    /// <summary>Hands a request to the run (started if it is not) and waits for its word on it, so a page never says
    /// "received" for something the run will not use.</summary>
    public static async Task<WorkflowAnswer> RaiseAsync(
        DurableTaskClient client, EventStarted input, string eventName, object payload, string receipt, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = AfterPublicationApi.InstanceOf(input.WorkshopId);
        if (!await StartAsync(client, input, cancellation)) return new WorkflowAnswer(Hearing.NotUsed, null, null);
        if (!await client.WaitUntilStartedAsync(instance, cancellation)) return new WorkflowAnswer(Hearing.Unconfirmed, null, null);
        return await client.RaiseAndHearAsync(instance, eventName, payload, receipt, s => s.Stage == Stage.Published, cancellation);
    }
}
