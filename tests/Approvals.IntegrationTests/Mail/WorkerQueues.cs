using Approvals.Server.Hosting;
using Approvals.Storage;
using Azure.Storage.Queues;

namespace Approvals.IntegrationTests.Mail;

/// <summary>What the queue worker's tests start from: retries a second apart, and both notification queues empty.</summary>
internal static class WorkerQueues
{
    public static void FastRetries(NotificationWorkerOptions o)
    {
        o.RetryDelay = TimeSpan.FromSeconds(1);
        o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        o.VisibilityTimeout = TimeSpan.FromSeconds(30);
    }

    public static async Task<(QueueClient Queue, QueueClient Poison)> EmptyAsync(MailTestAzurite azurite)
    {
        var account = azurite.Account();
        var queue = account.Queues.GetQueueClient(StorageNames.NotificationsQueue);
        var poison = account.Queues.GetQueueClient(StorageNames.NotificationsPoisonQueue);
        foreach (var q in new[] { queue, poison })
        {
            await q.CreateIfNotExistsAsync();
            await q.ClearMessagesAsync();
        }

        return (queue, poison);
    }
}
