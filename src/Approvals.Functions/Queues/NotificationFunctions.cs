using Approvals.Notifications;
using Approvals.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Queues;

/// <summary>The mail sender: the Functions host reads the <c>notifications</c> queue (Base64, per host.json), retries a
/// failed message and after <c>maxDequeueCount</c> deliveries moves it to <c>notifications-poison</c> (a mail waiting for
/// the relay or for another delivery is requeued by the handler instead, and this delivery succeeds).</summary>
public sealed class NotificationFunctions(NotificationHandler handler)
{
    [Function(nameof(DeliverNotification))]
    public async Task DeliverNotification([QueueTrigger(StorageNames.NotificationsQueue)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        await handler.HandleAsync(message, dequeueCount, cancellationToken);
}
