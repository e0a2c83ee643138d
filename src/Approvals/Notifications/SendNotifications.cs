using Approvals.Telemetry;
using Microsoft.DurableTask;

namespace Approvals.Notifications;

/// <summary>Activity: puts the workflow's requests on the notifications queue (the outbox).</summary>
public sealed class SendNotifications(NotificationOutbox outbox) : TaskActivity<IReadOnlyList<Notification>, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, IReadOnlyList<Notification> input) => ExecuteAsync(input);

    public Task<int> ExecuteAsync(IReadOnlyList<Notification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);

        // One step queues the batch: its mails share the step's trace.
        var first = notifications.Count > 0 ? notifications[0] : null;
        return ApprovalsTelemetry.RunStepAsync(nameof(SendNotifications), first?.TraceParent, first?.WorkshopId, async () =>
        {
            await outbox.EnqueueAsync(notifications);
            return notifications.Count;
        });
    }
}
