using System.Text.Json;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Mail;

[Collection(nameof(MailCollection))]
public sealed class RedeliveryTests(MailTestAzurite azurite)
{
    private static Task<MailHost> StartAsync(MailTestAzurite azurite, int failures = 0, TimeSpan? delay = null) =>
        MailHost.StartAsync(azurite, configure: s => s.AddSingleton<IMailTransport>(sp =>
            new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>(), failures, delay)));

    private static async Task<int> MailboxCountAsync(MailHost host, string to)
    {
        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to)}"));
        return json.RootElement.GetArrayLength();
    }

    [Fact]
    public async Task ARedeliveredNotificationIsSentOnce()
    {
        await using var host = await StartAsync(azurite);
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("pm");
        var message = Json.Serialize(MailTestData.Notification(id, NotificationKind.ReviewRequest, to, Role.ProjectManager, Stage.InternalReview));
        var handler = host.Get<NotificationHandler>();

        Assert.Equal(Delivered.Sent, await handler.HandleAsync(message, 1));
        Assert.Equal(Delivered.AlreadySent, await handler.HandleAsync(message, 2));
        Assert.Equal(Delivered.AlreadySent, await handler.HandleAsync(message, 1)); // the same notification enqueued twice

        Assert.Equal(1, ((CountingTransport)host.Get<IMailTransport>()).Sent);
        Assert.Equal(1, await MailboxCountAsync(host, to));
    }

    [Fact]
    public async Task TwoConcurrentDeliveriesOfOneNotificationSendOnce()
    {
        await using var host = await StartAsync(azurite, delay: TimeSpan.FromMilliseconds(300));
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("donor");
        var n = MailTestData.Notification(id, NotificationKind.DonorRequest, to, Role.Donor, Stage.DonorSignOff);
        var message = Json.Serialize(n);
        var handler = host.Get<NotificationHandler>();

        var queue = host.Get<StorageAccount>().Queues.GetQueueClient(StorageNames.NotificationsQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => handler.HandleAsync(message, 1)));

        // The one that found the other sending ended normally (no retry count spent) and left a fresh copy that looks
        // again after the other's lease: that copy finds the mail sent.
        Assert.Equal([Delivered.Sent, Delivered.Requeued], outcomes.Order());
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value); // hidden until the lease is over
        Assert.Equal(Delivered.AlreadySent, await handler.HandleAsync(message, 1));
        await queue.ClearMessagesAsync();
        var transport = (CountingTransport)host.Get<IMailTransport>();
        Assert.Equal(1, transport.Attempts);
        Assert.Equal(1, await MailboxCountAsync(host, to));
        Assert.Equal(SentMailStore.Sent, (await host.Get<SentMailStore>().GetAsync(id, n.Id))?.Status);
    }

    [Fact]
    public async Task AFailedSendIsTriedAgainOnTheNextDelivery()
    {
        await using var host = await StartAsync(azurite, failures: 1);
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("officer");
        var n = MailTestData.Notification(id, NotificationKind.CancellationNotice, to, Role.Proposer, Stage.Cancelled) with { Comment = "Venue closed." };
        var handler = host.Get<NotificationHandler>();

        await Assert.ThrowsAsync<IOException>(() => handler.HandleAsync(Json.Serialize(n), 1));
        Assert.Equal(SentMailStore.Failed, (await host.Get<SentMailStore>().GetAsync(id, n.Id))?.Status);
        await handler.HandleAsync(Json.Serialize(n), 2);

        var record = await host.Get<SentMailStore>().GetAsync(id, n.Id);
        Assert.Equal((SentMailStore.Sent, 2), (record?.Status, record?.Attempts));
        Assert.Equal(1, await MailboxCountAsync(host, to));
    }

    [Fact]
    public async Task ARelayThatIsDownThroughEveryTryLeavesTheMailWaitingAsAFreshMessageNotFailed()
    {
        // What the Functions host relies on: its queue trigger poisons a message whose last delivery throws.
        await using var host = await MailHost.StartAsync(azurite, configure: s => s.AddSingleton<IMailTransport>(sp =>
            new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>(), failures: int.MaxValue, relayDown: true)));
        var id = await MailTestData.SeedWorkshopAsync(host);
        var n = MailTestData.Notification(id, NotificationKind.ReviewRequest, MailTestData.UniqueAddress("pm"), Role.ProjectManager, Stage.InternalReview);
        var message = Json.Serialize(n);
        var handler = host.Get<NotificationHandler>();
        var queue = host.Get<StorageAccount>().Queues.GetQueueClient(StorageNames.NotificationsQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();

        for (var delivery = 1; delivery < 5; delivery++)
        {
            await Assert.ThrowsAsync<MailRelayUnavailableException>(() => handler.HandleAsync(message, delivery));
        }

        Assert.Equal(Delivered.Requeued, await handler.HandleAsync(message, 5));
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value); // waits RelayRetryDelay before its next round
        Assert.Equal(SentMailStore.Failed, (await host.Get<SentMailStore>().GetAsync(id, n.Id))?.Status);
        await queue.ClearMessagesAsync();
    }

    [Fact]
    public async Task AMessageThatIsNotANotificationFailsLoudly()
    {
        await using var host = await StartAsync(azurite);

        await Assert.ThrowsAsync<InvalidDataException>(() => host.Get<NotificationHandler>().HandleAsync("{\"hello\":1}", 1));
        await Assert.ThrowsAsync<InvalidDataException>(() => host.Get<NotificationHandler>().HandleAsync("not json", 1));
    }
}
