using System.Text.Json;
using Approvals.IntegrationTests.Faults;
using Approvals.Notifications;
using Approvals.Server.Hosting;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A step's notifications travel as one queue message: each still goes out exactly once, and a mail that
/// fails or a relay that is down holds back no other mail of the batch.</summary>
[Collection(nameof(MailCollection))]
public sealed class BatchDeliveryTests(MailTestAzurite azurite, Smtp4devFixture smtp4dev)
{
    private static List<Notification> Confirmations(string workshopId, int count, string to) =>
        Enumerable.Range(0, count)
            .Select(i => MailTestData.Notification(workshopId, NotificationKind.ParticipantConfirmation, to, Role.Participant, Stage.Published, "MFA",
                MailTestData.Nominee with { Email = to }))
            .ToList();

    private static async Task<List<string>> MailedIdsAsync(MailHost host, string to)
    {
        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to)}"));
        return json.RootElement.EnumerateArray().Select(m => m.GetProperty("notificationId").GetString()!).ToList();
    }

    private static Task<T> Eventually<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class =>
        Approvals.Testing.Eventually.Found(probe, timeout, $"{what} within {timeout}.", TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task FiftyOneConfirmationsAreOneQueueMessageAndEachGoesOutOnceHoweverOftenItIsDelivered()
    {
        var (queue, _) = await WorkerQueues.EmptyAsync(azurite);
        await using var host = await MailHost.StartAsync(azurite, configure: s => s.AddSingleton<IMailTransport>(sp =>
            new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>())));
        var id = await MailTestData.SeedWorkshopAsync(host, stage: Stage.Published);
        var to = MailTestData.UniqueAddress("li.wei");
        var confirmations = Confirmations(id, 51, to);
        var handler = host.Get<NotificationHandler>();

        await host.Get<NotificationOutbox>().EnqueueAsync(confirmations);

        var message = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(Delivered.Sent, await handler.HandleAsync(message.MessageText, 1));
        Assert.Equal(Delivered.Sent, await handler.HandleAsync(message.MessageText, 1)); // the step queued it twice
        Assert.Equal(Delivered.Requeued, await handler.HandleAsync(message.MessageText, 2)); // its handler died: split

        var split = new List<string>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } page) split.AddRange(page.Select(m => m.MessageText));
        Assert.Equal(confirmations.Select(n => n.Id).Order(), split.Select(m => NotificationHandler.Parse(m).Id).Order());
        foreach (var single in split) Assert.Equal(Delivered.AlreadySent, await handler.HandleAsync(single, 1));

        Assert.Equal(51, ((CountingTransport)host.Get<IMailTransport>()).Sent);
        Assert.Equal(confirmations.Select(n => n.Id).Order(), (await MailedIdsAsync(host, to)).Order());
        foreach (var n in confirmations) Assert.Equal(SentMailStore.Sent, (await host.Get<SentMailStore>().GetAsync(id, n.Id))?.Status);
    }

    [Fact]
    public async Task OneRefusedMailInABatchHoldsBackNoOtherAndAloneEndsInThePoisonQueue()
    {
        var (queue, poison) = await WorkerQueues.EmptyAsync(azurite);
        var bad = MailTestData.UniqueAddress("unknown");
        await using var host = await MailHost.StartAsync(azurite, configure: s =>
        {
            s.AddSingleton<IMailTransport>(sp => new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>(), refused: bad));
            s.AddNotificationWorker(WorkerQueues.FastRetries);
        });
        var id = await MailTestData.SeedWorkshopAsync(host, stage: Stage.Published);
        var to = MailTestData.UniqueAddress("li.wei");
        var good = Confirmations(id, 6, to);
        var refused = Confirmations(id, 1, bad)[0];

        await host.Get<NotificationOutbox>().EnqueueAsync([.. good[..3], refused, .. good[3..]]);

        var mailed = await Eventually(async () => await MailedIdsAsync(host, to) is { Count: 6 } ids ? ids : null, TimeSpan.FromSeconds(20),
            "The six good mails did not arrive");
        Assert.Equal(good.Select(n => n.Id).Order(), mailed.Order());
        var poisoned = await Eventually(async () => (await poison.PeekMessagesAsync(1)).Value.FirstOrDefault(), TimeSpan.FromSeconds(60),
            "The refused mail did not reach the poison queue");
        Assert.Equal(refused, NotificationHandler.Parse(poisoned.MessageText));
        await Eventually(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null, TimeSpan.FromSeconds(10),
            "A message stayed in the queue");

        var transport = (CountingTransport)host.Get<IMailTransport>();
        Assert.Equal((6, 6 + 1 + 5), (transport.Sent, transport.Attempts)); // the batch's try, then five of its own
        Assert.Equal(6, (await MailedIdsAsync(host, to)).Count);
        Assert.Equal(SentMailStore.Failed, (await host.Get<SentMailStore>().GetAsync(id, refused.Id))?.Status);
    }

    [Fact]
    public async Task ARelayDownWhenABatchIsSentPutsItsMailsBackAndEachGoesOutOnceItIsBack()
    {
        var (queue, poison) = await WorkerQueues.EmptyAsync(azurite);
        await using var host = await MailHost.StartAsync(azurite, configure: s =>
        {
            s.AddSingleton<IMailTransport>(sp => new CountingTransport(sp.GetRequiredService<LocalMailboxTransport>(), failures: 2, relayDown: true));
            s.Configure<ApprovalsOptions>(o => o.Mail.SendConcurrency = 1);
            s.AddNotificationWorker(WorkerQueues.FastRetries);
        });
        var id = await MailTestData.SeedWorkshopAsync(host, stage: Stage.Published);
        var to = MailTestData.UniqueAddress("li.wei");
        var confirmations = Confirmations(id, 8, to);

        await host.Get<NotificationOutbox>().EnqueueAsync(confirmations);

        var mailed = await Eventually(async () => await MailedIdsAsync(host, to) is { Count: 8 } ids ? ids : null, TimeSpan.FromSeconds(30),
            "The mails did not go out after the relay came back");
        Assert.Equal(confirmations.Select(n => n.Id).Order(), mailed.Order());
        await Eventually(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null, TimeSpan.FromSeconds(10),
            "A mail stayed in the queue");
        var transport = (CountingTransport)host.Get<IMailTransport>();
        Assert.Equal((8, 10), (transport.Sent, transport.Attempts)); // the batch stopped at the first outage: nothing tried in vain
        Assert.Empty((await poison.PeekMessagesAsync(1)).Value);
        Assert.Equal(8, (await MailedIdsAsync(host, to)).Count);
    }

    [Fact]
    public async Task ABatchGoesOutOverOneSmtpConnectionAndASessionReconnectsWhenTheRelayDropsIt()
    {
        await using var relay = new SmtpRelay(smtp4dev.SmtpPort);
        await using var host = await MailHost.StartAsync(azurite, relay.Port, s => s.Configure<ApprovalsOptions>(o => o.Mail.SendConcurrency = 1));
        var id = await MailTestData.SeedWorkshopAsync(host, stage: Stage.Published);
        var to = MailTestData.UniqueAddress("li.wei");
        var confirmations = Confirmations(id, 12, to);

        Assert.Equal(Delivered.Sent, await host.Get<NotificationHandler>().HandleAsync(Json.Store(new NotificationBatch(confirmations)), 1));

        Assert.Equal(1, relay.Connections);
        var received = await Eventually(async () => (await smtp4dev.ListAllAsync()).Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)).ToList()
            is { Count: 12 } list ? list : null, TimeSpan.FromSeconds(20), "Twelve mails did not reach smtp4dev");
        Assert.Equal(12, received.Count);

        // Mail, then the relay cuts the connection while the session is idle, then mail again: the session reconnects.
        var mails = await Task.WhenAll(Confirmations(id, 2, MailTestData.UniqueAddress("li.na")).Select(async n =>
        {
            var mail = await host.Get<NotificationRenderer>().RenderAsync(await host.Get<MailFactsLoader>().LoadAsync(n));
            return (Mail: mail, Mime: MailMessages.Create(mail, MimeKit.MailboxAddress.Parse(MailHost.From), DateTimeOffset.UtcNow));
        }));
        await using (var session = host.Get<IMailTransport>().OpenSession())
        {
            await session.SendAsync(mails[0].Mail, mails[0].Mime, CancellationToken.None);
            await relay.Down();
            relay.Up();
            var receipt = await session.SendAsync(mails[1].Mail, mails[1].Mime, CancellationToken.None);
            Assert.StartsWith($"smtp 127.0.0.1:{relay.Port}", receipt, StringComparison.Ordinal);
        }

        Assert.Equal(3, relay.Connections);
        await smtp4dev.WaitForMessageToAsync(mails[1].Mail.To, TimeSpan.FromSeconds(15));
    }
}
