using System.Text.Json;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A step's mails carry the workshop as the step stored it, so sending them reads no workshop: one point read
/// fewer for every mail message, and a mail shows what the step that sent it recorded.</summary>
[Collection(nameof(MailCollection))]
public sealed class SnapshotMailTests(MailTestAzurite azurite)
{
    [Fact]
    public async Task AMailQueuedWithItsStepsSnapshotIsSentFromItWithoutReadingTheWorkshop()
    {
        var (queue, _) = await WorkerQueues.EmptyAsync(azurite);
        await using var host = await MailHost.StartAsync(azurite);
        // No workshop of this id is stored: a mail that read it could not be sent.
        var id = $"ws-snap-{Guid.NewGuid():N}"[..24];
        var to = MailTestData.UniqueAddress("pm");
        var n = MailTestData.Notification(id, NotificationKind.ReviewRequest, to, Role.ProjectManager, Stage.InternalReview);
        var proposal = MailTestData.Proposal() with { Title = "Labour Migration Statistics" };

        await host.Get<NotificationOutbox>().EnqueueAsync([n], new MailSnapshot(proposal, [new PendingRequest(Role.ProjectManager, to, DateTimeOffset.UtcNow.AddDays(5))]));

        var message = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(Delivered.Sent, await host.Get<NotificationHandler>().HandleAsync(message.MessageText, 1));
        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to)}"));
        var mail = Assert.Single(json.RootElement.EnumerateArray());
        Assert.StartsWith("[Approvals] Review requested: Labour Migration Statistics", mail.GetProperty("subject").GetString(), StringComparison.Ordinal);

        // The same mail queued without it reads the workshop, and there is none.
        var alone = n with { Id = Guid.NewGuid().ToString("N") };
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Get<NotificationHandler>().HandleAsync(Json.Serialize(alone), 1));
    }
}
