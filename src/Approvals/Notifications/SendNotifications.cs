using Microsoft.DurableTask;

namespace Approvals.Notifications;

/// <summary>Activity: puts the workflow's requests on the notifications queue (the outbox).</summary>
public sealed class SendNotifications(NotificationOutbox outbox) : TaskActivity<IReadOnlyList<Notification>, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, IReadOnlyList<Notification> input) => ExecuteAsync(input);

    public async Task<int> ExecuteAsync(IReadOnlyList<Notification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        await outbox.EnqueueAsync(notifications);
        return notifications.Count;
    }
}
