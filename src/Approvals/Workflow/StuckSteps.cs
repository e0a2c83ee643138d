using Approvals.Notifications;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>The one loop of a step whose activity still fails after its retries, for both runs of a workshop (the
/// approval workflow and its life after publication): the step is stuck, not failed — the status shows it, the history
/// and the dashboard get it and the escalation contacts are told once (all best effort: the storage they need may be
/// what failed), and it runs again with the same input when staff retry this very failure
/// (<c>POST /api/workshops/{id}/retry</c>).</summary>
/// <param name="At">The stage and round the run is at, for the lines and mails about the stuck step.</param>
/// <param name="Show">Shows the stuck step (null: no longer stuck) in the run's custom status.</param>
internal sealed record StuckSteps(
    TaskOrchestrationContext Context, string WorkshopId, TaskOptions Retry, TaskOptions BestEffort, Func<(Stage Stage, int Round)> At, Action<StuckStep?> Show)
{
    /// <summary>Retries staff may ask for on one step: far more than a person makes while fixing a cause, few enough
    /// that the history stays bounded. The call after the last one fails the run with the step's own error.</summary>
    public const int MaxRetriesPerStep = 100;

    /// <summary>Retry events one stuck step takes (earlier failures' retries included) before it runs again anyway.</summary>
    public const int MaxEventsPerWait = 500;

    /// <summary>For what a stuck step records about itself: worth a few tries, never worth waiting long for.</summary>
    public static TaskOptions BestEffortAfter(TimeSpan first) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: first, backoffCoefficient: 2, maxRetryInterval: first * 4));

    /// <summary>Runs <paramref name="activity"/>, stuck until retried while it fails.</summary>
    /// <param name="cancellation">Ends the wait for a retry with <see cref="StepCancelledException"/>; null: the step
    /// waits for its retry only.</param>
    /// <param name="escalationContacts">Who is told that the step is stuck, asked for once per stuck step.</param>
    public async Task<T> CallAsync<T>(string activity, object activityInput, Task? cancellation, Func<Task<IReadOnlyList<string>>> escalationContacts)
    {
        ArgumentNullException.ThrowIfNull(escalationContacts);
        StuckStep? stuck = null;
        var told = false;
        for (var retried = 0; retried < MaxRetriesPerStep; retried++)
        {
            TaskFailedException failure;
            try
            {
                var result = await Context.CallActivityAsync<T>(activity, activityInput, Retry);
                if (stuck is not null) await Unstick(stuck);
                return result;
            }
            catch (TaskFailedException e)
            {
                failure = e;
            }

            // The same failure on a retried call keeps its first time: the workshop has been stuck since then.
            stuck = new StuckStep(Context.NewGuid().ToString("N"), activity, StuckStep.ReasonOf(failure), stuck?.Since ?? Now);
            told = await Stick(stuck, told, escalationContacts);
            await WaitForRetry(stuck, cancellation);
        }

        return await Context.CallActivityAsync<T>(activity, activityInput, Retry);
    }

    /// <summary>Calls <paramref name="activity"/> on a best-effort basis: its result, or the default when it failed.</summary>
    public async Task<T?> TryCall<T>(string activity, object activityInput)
    {
        try
        {
            return await Context.CallActivityAsync<T>(activity, activityInput, BestEffort);
        }
        catch (TaskFailedException)
        {
            return default;
        }
    }

    private DateTimeOffset Now => new(Context.CurrentUtcDateTime, TimeSpan.Zero);

    /// <summary>Shows the stuck step in the custom status first (Durable stores it with the instance, so it needs none of
    /// our tables), then copies it to the history and the dashboard and tells the escalation contacts. True once they were told.</summary>
    private async Task<bool> Stick(StuckStep stuck, bool told, Func<Task<IReadOnlyList<string>>> escalationContacts)
    {
        Show(stuck);
        await TryCall<bool>(nameof(RecordStuck), new StuckRecord(WorkshopId, stuck, Line(AuditActions.StepStuck, $"{stuck.Step}: {stuck.Reason}")));
        if (told) return true;

        // Without the directory (the step that failed may be loading it) nobody can be named; the status still shows it.
        var contacts = await escalationContacts();
        var (stage, round) = At();
        var mails = contacts
            .Select(e => new Notification(Context.NewGuid().ToString("N"), NotificationKind.StepStuck, WorkshopId, e, Role.Manager, stage, round, Now,
                Comment: stuck.Reason, Stuck: stuck))
            .ToList();
        return mails.Count > 0 && await TryCall<int>(nameof(SendNotifications), mails) != 0;
    }

    private async Task Unstick(StuckStep stuck)
    {
        Show(null);
        await TryCall<bool>(nameof(RecordStuck), new StuckRecord(WorkshopId, null, Line(AuditActions.StepRetried,
            $"{stuck.Step} ran again and succeeded (stuck since {stuck.Since:yyyy-MM-dd HH:mm} UTC)")));
    }

    /// <summary>Waits for staff to retry this failure, or for cancellation. Retries sent for an earlier failure of the
    /// step are spent and ignored (so many of them that the wait would grow without end simply run the step again).</summary>
    private async Task WaitForRetry(StuckStep stuck, Task? cancellation)
    {
        for (var events = 0; events < MaxEventsPerWait; events++)
        {
            using var cts = new CancellationTokenSource();
            var retried = Context.WaitForExternalEvent<RetryRequested>(WorkflowEvents.RetryRequested, cts.Token);
            var winner = cancellation is null ? retried : await Task.WhenAny(retried, cancellation);
            if (winner != retried)
            {
                cts.Cancel(); // synchronously: callbacks must run on the orchestrator thread
                throw new StepCancelledException();
            }

            if ((await retried).StuckId == stuck.Id) return;
        }
    }

    private AuditEntry Line(string action, string comment) =>
        new(Context.NewGuid().ToString("N"), Now, At().Stage, action, AuditActions.System, comment, Channel: "workflow");
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
