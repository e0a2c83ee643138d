using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>Every activity goes through <see cref="CallAsync{T}"/>: retried through a passing outage, and when it
/// still fails, stuck rather than failed (<see cref="StuckSteps"/>). A stuck step keeps the workshop at its stage, and
/// cancellation while it is stuck ends it (<see cref="StepCancelledException"/>): the stage loop cancels the workshop.</summary>
internal sealed partial class WorkshopRun
{
    /// <summary>Activities touch storage; a passing outage must not stop the workshop. Every activity is idempotent
    /// (upserts keyed by deterministic ids), so retrying is safe.</summary>
    private readonly TaskOptions retry;

    /// <summary>For what a stuck step records about itself: the storage it needs may be the very thing that failed.</summary>
    private readonly TaskOptions bestEffort;

    /// <summary>Set once the cancellation is carried out: a step stuck inside it can only be retried.</summary>
    private bool cancelling;

    private StuckSteps? stuckSteps;

    private static (TaskOptions Retry, TaskOptions BestEffort) RetryPolicies(TimeSpan first) => (
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: first, backoffCoefficient: 2, maxRetryInterval: first * 15)),
        StuckSteps.BestEffortAfter(first));

    /// <summary>Runs <paramref name="activity"/>; when it still fails after its retries the step is stuck until staff
    /// retry it, and then it runs again with the same input. The escalation contacts come from the directory the run
    /// holds (none yet when the step that failed is loading it).</summary>
    public Task<T> CallAsync<T>(string activity, object activityInput)
    {
        var steps = stuckSteps ??= new StuckSteps(context, Id, retry, bestEffort, () => (Stage, Round), stuck =>
        {
            stuckNow = stuck;
            PublishStatus();
        });
        return steps.CallAsync<T>(activity, activityInput, cancelling ? null : cancellation,
            () => Task.FromResult<IReadOnlyList<string>>(Directory?.Escalation ?? []));
    }
}
