using Approvals.Notifications;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>Every activity goes through <see cref="CallAsync{T}"/>: retried through a passing outage, and when it
/// still fails, stuck rather than failed. A stuck step keeps the workshop at its stage, shows in its status, tells the
/// escalation contacts once, and runs again when staff retry it (<c>POST /api/workshops/{id}/retry</c>) — or the
/// workshop is cancelled.</summary>
internal sealed partial class WorkshopRun
{
    /// <summary>Activities touch storage; a passing outage must not stop the workshop. Every activity is idempotent
    /// (upserts keyed by deterministic ids), so retrying is safe.</summary>
    private readonly TaskOptions retry;

    /// <summary>For what a stuck step records about itself: worth a few tries, never worth waiting long for, because
    /// the storage it needs may be the very thing that failed.</summary>
    private readonly TaskOptions bestEffort;

    /// <summary>Retries staff may ask for on one step: far more than a person makes while fixing a cause, few enough
    /// that the history stays bounded. The call after the last one fails the workshop with the step's own error.</summary>
    private const int MaxRetriesPerStep = 100;

    /// <summary>Set once the cancellation is carried out: a step stuck inside it can only be retried.</summary>
    private bool cancelling;

    private static (TaskOptions Retry, TaskOptions BestEffort) RetryPolicies(TimeSpan first) => (
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: first, backoffCoefficient: 2, maxRetryInterval: first * 15)),
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: first, backoffCoefficient: 2, maxRetryInterval: first * 4)));

    /// <summary>Runs <paramref name="activity"/>; when it still fails after its retries the step is stuck until staff
    /// retry it, and then it runs again with the same input. Cancellation while stuck ends the step
    /// (<see cref="StepCancelledException"/>), and the stage loop cancels the workshop.</summary>
    public async Task<T> CallAsync<T>(string activity, object activityInput)
    {
        StuckStep? stuck = null;
        var told = false;
        for (var retried = 0; retried < MaxRetriesPerStep; retried++)
        {
            TaskFailedException failure;
            try
            {
                var result = await context.CallActivityAsync<T>(activity, activityInput, retry);
                if (stuck is not null) await Unstick(stuck);
                return result;
            }
            catch (TaskFailedException e)
            {
                failure = e;
            }

            // The same failure on a retried call keeps its first time: the workshop has been stuck since then.
            stuck = new StuckStep(context.NewGuid().ToString("N"), activity, StuckStep.ReasonOf(failure), stuck?.Since ?? Now);
            told = await Stick(stuck, told);
            await WaitForRetry(stuck);
        }

        return await context.CallActivityAsync<T>(activity, activityInput, retry);
    }

    /// <summary>Shows the stuck step in the custom status first (Durable stores it with the instance, so it needs none of
    /// our tables), then copies it to the history and the dashboard and tells the escalation contacts, both best effort.
    /// True once they were told.</summary>
    private async Task<bool> Stick(StuckStep stuck, bool told)
    {
        stuckNow = stuck;
        PublishStatus();
        await TryCall(nameof(RecordStuck), new StuckRecord(Id, stuck, AuditLine(AuditActions.StepStuck, AuditActions.System, $"{stuck.Step}: {stuck.Reason}")));
        if (told) return true;

        // Without the directory (the step that failed may be loading it) nobody can be named; the status still shows it.
        var contacts = Directory?.Escalation ?? [];
        var mails = contacts.Select(e => Message(NotificationKind.StepStuck, e, Role.Manager, null, comment: stuck.Reason) with { Stuck = stuck }).ToList();
        return mails.Count > 0 && await TryCall(nameof(SendNotifications), mails);
    }

    private async Task Unstick(StuckStep stuck)
    {
        stuckNow = null;
        PublishStatus();
        await TryCall(nameof(RecordStuck), new StuckRecord(Id, null, AuditLine(AuditActions.StepRetried, AuditActions.System,
            $"{stuck.Step} ran again and succeeded (stuck since {stuck.Since:yyyy-MM-dd HH:mm} UTC)")));
    }

    /// <summary>Waits for staff to retry this failure, or for cancellation. Retries sent for an earlier failure of the
    /// step are spent and ignored (so many of them that the wait would grow without end simply run the step again).</summary>
    private async Task WaitForRetry(StuckStep stuck)
    {
        for (var events = 0; events < MaxEventsPerWait; events++)
        {
            using var cts = new CancellationTokenSource();
            var retried = context.WaitForExternalEvent<RetryRequested>(WorkflowEvents.RetryRequested, cts.Token);
            var winner = cancelling ? retried : await Task.WhenAny(retried, cancellation);
            if (winner != retried)
            {
                cts.Cancel(); // synchronously: callbacks must run on the orchestrator thread
                throw new StepCancelledException();
            }

            if ((await retried).StuckId == stuck.Id) return;
        }
    }

    private async Task<bool> TryCall(string activity, object activityInput)
    {
        try
        {
            await context.CallActivityAsync(activity, activityInput, bestEffort);
            return true;
        }
        catch (TaskFailedException)
        {
            return false;
        }
    }

    private AuditEntry AuditLine(string action, string actor, string comment) =>
        new(context.NewGuid().ToString("N"), Now, Stage, action, actor, comment, Channel: "workflow");
}

/// <summary>Staff cancelled the workshop while one of its steps was stuck: the step ends here and the stage loop carries
/// out the cancellation.</summary>
internal sealed class StepCancelledException : Exception
{
    public StepCancelledException()
        : base("The workshop was cancelled while a step was stuck.")
    {
    }
}
