using Approvals.Storage;
using Approvals.Telemetry;
using Azure.Storage.Queues;

namespace Approvals.Notifications;

/// <summary>The outbox: puts notifications on the <c>notifications</c> queue (Base64, as the Functions queue trigger
/// expects per host.json) for the mail handler, a step's notifications for one workshop together as a
/// <see cref="NotificationBatch"/>.</summary>
public sealed class NotificationOutbox(StorageAccount account)
{
    private readonly Lazy<Task<QueueClient>> queue = new(async () =>
    {
        var client = account.Queues.GetQueueClient(StorageNames.NotificationsQueue);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <param name="snapshot">The workshop as the step that queues them stored it, carried with them so that sending
    /// them reads no workshop (null: they read it when they are sent).</param>
    public async Task EnqueueAsync(IEnumerable<Notification> notifications, MailSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var client = await queue.Value;

        // Each mail's span continues the span that queued it (the workflow step), else the trace it was given.
        var queuedBy = ApprovalsTelemetry.CurrentTraceParent();
        foreach (var message in NotificationBatch.Messages(notifications.Select(n => queuedBy is null ? n : n with { TraceParent = queuedBy }), snapshot))
        {
            await client.SendMessageAsync(message);
        }
    }

    /// <summary>How many notifications wait on the queue (the service's approximate count).</summary>
    public async Task<long> DepthAsync(CancellationToken cancellationToken = default)
    {
        var client = await queue.Value;
        return (await client.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
    }

    /// <summary>Puts a message back as a fresh one (its delivery count starts again), visible after
    /// <paramref name="delay"/>: for a mail that must wait, not fail.</summary>
    public async Task RequeueAsync(string messageText, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var client = await queue.Value;
        await client.SendMessageAsync(messageText, visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
