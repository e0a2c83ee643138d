using Approvals.Contacts;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>A step of the life after publication that still fails after its retries is stuck, not failed, exactly as in
/// the approval workflow (<see cref="StuckSteps"/>): the status shows it, the escalation contacts are told once, and staff
/// run it again with <c>POST /api/workshops/{id}/retry</c>. Requests that arrive meanwhile, a cancellation too, wait their turn.</summary>
internal sealed partial class EventRun
{
    private StuckStep? stuckNow;

    private StuckSteps? stuckSteps;

    /// <summary>The escalation contacts come from the directory as it is when the step is stuck (this run holds none).</summary>
    private Task<T> CallAsync<T>(string activity, object activityInput)
    {
        var steps = stuckSteps ??= new StuckSteps(context, input.WorkshopId, retry, StuckSteps.BestEffortAfter(input.ActivityRetryInterval), () => (Stage, input.Round), stuck =>
        {
            stuckNow = stuck;
            PublishStatus();
        });
        return steps.CallAsync<T>(activity, activityInput, cancellation: null,
            async () => (await steps.TryCall<ProjectDirectory>(nameof(LoadDirectory), input.WorkshopId))?.Escalation ?? []);
    }
}
