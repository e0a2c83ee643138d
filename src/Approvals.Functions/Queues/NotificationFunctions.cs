using Approvals.Notifications;
using Approvals.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Queues;

/// <summary>The mail sender: the Functions host reads the <c>notifications</c> queue (Base64, per host.json), retries a
/// failed message and after <c>maxDequeueCount</c> deliveries moves it to <c>notifications-poison</c>.</summary>
public sealed class NotificationFunctions(NotificationHandler handler)
{
    [Function(nameof(DeliverNotification))]
    public Task DeliverNotification([QueueTrigger(StorageNames.NotificationsQueue)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, dequeueCount, cancellationToken);
}
