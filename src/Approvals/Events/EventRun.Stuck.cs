using Approvals.Contacts;
using Approvals.Notifications;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>A step of the life after publication that still fails after its retries is stuck, not failed, exactly as in
/// the approval workflow: the status shows it, the escalation contacts are told once, and staff run it again with
/// <c>POST /api/workshops/{id}/retry</c>. Requests that arrive meanwhile wait their turn.</summary>
internal sealed partial class EventRun
{
    /// <summary>Retries staff may ask for on one step; the call after the last fails the run with the step's own error.</summary>
    private const int MaxRetriesPerStep = 100;

    /// <summary>Retry events one stuck step takes (earlier failures' retries included) before it runs again anyway.</summary>
    private const int MaxEventsPerWait = 500;

    private readonly TaskOptions bestEffort = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: input.ActivityRetryInterval, backoffCoefficient: 2, maxRetryInterval: input.ActivityRetryInterval * 4));

    private StuckStep? stuckNow;

    private async Task<T> CallAsync<T>(string activity, object activityInput)
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

            stuck = new StuckStep(context.NewGuid().ToString("N"), activity, StuckStep.ReasonOf(failure), stuck?.Since ?? Now);
            told = await Stick(stuck, told);
            await WaitForRetry(stuck);
        }

        return await context.CallActivityAsync<T>(activity, activityInput, retry);
    }

    private async Task<bool> Stick(StuckStep stuck, bool told)
    {
        stuckNow = stuck;
        PublishStatus();
        await TryCall<bool>(nameof(RecordStuck), new StuckRecord(input.WorkshopId, stuck, Line(AuditActions.StepStuck, $"{stuck.Step}: {stuck.Reason}")));
        if (told) return true;
        var directory = await TryCall<ProjectDirectory>(nameof(LoadDirectory), input.WorkshopId);
        var mails = (directory?.Escalation ?? [])
            .Select(e => new Notification(context.NewGuid().ToString("N"), NotificationKind.StepStuck, input.WorkshopId, e, Role.Manager, Stage, input.Round, Now,
                Comment: stuck.Reason, Stuck: stuck))
            .ToList();
        return mails.Count > 0 && await TryCall<int>(nameof(SendNotifications), mails) != 0;
    }

    private async Task Unstick(StuckStep stuck)
    {
        stuckNow = null;
        PublishStatus();
        await TryCall<bool>(nameof(RecordStuck), new StuckRecord(input.WorkshopId, null, Line(AuditActions.StepRetried,
            $"{stuck.Step} ran again and succeeded (stuck since {stuck.Since:yyyy-MM-dd HH:mm} UTC)")));
    }

    private async Task WaitForRetry(StuckStep stuck)
    {
        for (var events = 0; events < MaxEventsPerWait; events++)
        {
            if ((await context.WaitForExternalEvent<RetryRequested>(WorkflowEvents.RetryRequested)).StuckId == stuck.Id) return;
        }
    }

    private async Task<T?> TryCall<T>(string activity, object activityInput)
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, activityInput, bestEffort);
        }
        catch (TaskFailedException)
        {
            return default;
        }
    }

    private AuditEntry Line(string action, string comment) =>
        new(context.NewGuid().ToString("N"), Now, Stage, action, AuditActions.System, comment, Channel: "workflow");
}
