using Approvals.IntegrationTests.Infrastructure;
using Approvals.Storage;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Mail;

/// <summary>The run's shared Azurite (<see cref="TestAzurite"/>) for the mail tests. Earlier tests may leave
/// notifications and captured mails behind, so the mail tests start from an empty outbox and mailbox.</summary>
public sealed class MailTestAzurite : IAsyncLifetime
{
    public string ConnectionString => TestAzurite.ConnectionString;

    public StorageAccount Account() => StorageAccount.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.ConnectionKey] = ConnectionString }).Build());

    public async Task InitializeAsync()
    {
        var account = Account();
        foreach (var queue in new[] { StorageNames.NotificationsQueue, StorageNames.NotificationsPoisonQueue })
        {
            var client = account.Queues.GetQueueClient(queue);
            if (await client.ExistsAsync()) await client.ClearMessagesAsync();
        }

        var mailbox = account.Blobs.GetBlobContainerClient(StorageNames.MailboxContainer);
        if (await mailbox.ExistsAsync())
        {
            await foreach (var blob in mailbox.GetBlobsAsync())
            {
                await mailbox.DeleteBlobIfExistsAsync(blob.Name);
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
