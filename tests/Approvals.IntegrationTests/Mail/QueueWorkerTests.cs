using System.Text.Json;
using Approvals.Notifications;
using Approvals.Server.Hosting;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approvals.IntegrationTests.Mail;

[Collection(nameof(MailCollection))]
public sealed class QueueWorkerTests(MailTestAzurite azurite)
{
    private static Task<T> Eventually<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class =>
        Approvals.Testing.Eventually.Found(probe, timeout, $"{what} within {timeout}.", TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task TheWorkerSendsQueuedNotificationsAndDeletesThem()
    {
        var (queue, _) = await WorkerQueues.EmptyAsync(azurite);
        await using var host = await MailHost.StartAsync(azurite, configure: s => s.AddNotificationWorker(WorkerQueues.FastRetries));
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("focal");
        var notifications = new[] { "MFA", "MOE", "MCA" }
            .Select(m => MailTestData.Notification(id, NotificationKind.NominationRequest, to, Role.FocalPoint, Stage.Nominations, m))
            .ToList();

        await host.Get<NotificationOutbox>().EnqueueAsync(notifications);

        var mails = await Eventually(async () =>
        {
            using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to)}"));
            var ids = json.RootElement.EnumerateArray().Select(m => m.GetProperty("notificationId").GetString()!).ToList();
            return ids.Count == 3 ? ids : null;
        }, TimeSpan.FromSeconds(20), "Three mails did not arrive");
        Assert.Equal(notifications.Select(n => n.Id).Order(), mails.Order());
        await Eventually(async () => (await queue.PeekMessagesAsync(1)).Value.Length == 0 ? "empty" : null, TimeSpan.FromSeconds(10), "The queue was not emptied");
    }

    [Fact]
    public async Task ASendThatKeepsFailingEndsInThePoisonQueueWithNothingLost()
    {
        var (queue, poison) = await WorkerQueues.EmptyAsync(azurite);
        await using var host = await MailHost.StartAsync(azurite, configure: s =>
        {
            s.AddSingleton<IMailTransport>(sp => new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>(), failures: int.MaxValue));
            s.AddNotificationWorker(WorkerQueues.FastRetries);
        });
        var id = await MailTestData.SeedWorkshopAsync(host);
        var n = MailTestData.Notification(id, NotificationKind.ReviewRequest, MailTestData.UniqueAddress("pm"), Role.ProjectManager, Stage.InternalReview);

        await host.Get<NotificationOutbox>().EnqueueAsync([n]);

        var poisoned = await Eventually(async () => (await poison.PeekMessagesAsync(1)).Value.FirstOrDefault(), TimeSpan.FromSeconds(40),
            "Nothing reached the poison queue");
        Assert.Equal(n, NotificationHandler.Parse(poisoned.MessageText));
        await Eventually(async () => (await queue.PeekMessagesAsync(1)).Value.Length == 0 && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null,
            TimeSpan.FromSeconds(10), "The failed message stayed in the queue");
        Assert.Equal(5, ((CountingTransport)host.Get<IMailTransport>()).Attempts);
        Assert.Equal(SentMailStore.Failed, (await host.Get<SentMailStore>().GetAsync(id, n.Id))?.Status);
        var logged = Assert.Single(host.Logs.Lines, l => l.Level == LogLevel.Error && l.Category == typeof(NotificationQueueWorker).FullName);
        Assert.Equal(n.Id, logged.Values["NotificationId"]);
        Assert.Equal(StorageNames.NotificationsPoisonQueue, logged.Values["PoisonQueue"]);
        Assert.Contains("Simulated SMTP failure 5", (string)logged.Values["Reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMailWaitsForARelayThatIsDownLongerThanAllItsTriesAndGoesOutOnceItIsBack()
    {
        var (queue, poison) = await WorkerQueues.EmptyAsync(azurite);
        await using var host = await MailHost.StartAsync(azurite, configure: s =>
        {
            s.AddSingleton<IMailTransport>(sp => new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>(), failures: 7, relayDown: true));
            s.Configure<ApprovalsOptions>(o => o.Mail.RelayRetryDelay = TimeSpan.FromSeconds(1));
            s.AddNotificationWorker(WorkerQueues.FastRetries);
        });
        var id = await MailTestData.SeedWorkshopAsync(host);
        var n = MailTestData.Notification(id, NotificationKind.ReviewRequest, MailTestData.UniqueAddress("pm"), Role.ProjectManager, Stage.InternalReview);

        await host.Get<NotificationOutbox>().EnqueueAsync([n]);

        await Eventually(async () => (await host.Get<SentMailStore>().GetAsync(id, n.Id))?.Status == SentMailStore.Sent ? "sent" : null,
            TimeSpan.FromSeconds(40), "The mail did not go out after the relay came back");
        var transport = (CountingTransport)host.Get<IMailTransport>();
        Assert.Equal((8, 1), (transport.Attempts, transport.Sent));
        Assert.Empty((await poison.PeekMessagesAsync(1)).Value);
        await Eventually(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null, TimeSpan.FromSeconds(10), "The mail stayed in the queue");
    }

    [Fact]
    public async Task RetriesBackOffExponentially()
    {
        await using var host = await MailHost.StartAsync(azurite, configure: s => s.AddNotificationWorker(o =>
        {
            o.RetryDelay = TimeSpan.FromSeconds(2);
            o.MaxRetryDelay = TimeSpan.FromSeconds(10);
        }));
        var worker = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NotificationQueueWorker>().Single();

        Assert.Equal(new[] { 2, 4, 8, 10 }, new long[] { 1, 2, 3, 4 }.Select(c => (int)worker.RetryDelay(c).TotalSeconds).ToArray());
    }
}
