using System.Text;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Notifications;

public sealed class NotificationBatchTests
{
    private static Notification Confirmation(int i, string workshopId = MailSamples.WorkshopId, string? comment = null) =>
        MailSamples.Of(NotificationKind.ParticipantConfirmation) with { Id = $"confirm-{workshopId}-{i:000}", WorkshopId = workshopId, To = $"p{i}@mfa.example.cn", Comment = comment };

    private static IReadOnlyList<Notification> Read(IEnumerable<string> messages) =>
        messages.SelectMany(m => NotificationBatch.Parse(m, out _)).ToList();

    [Fact]
    public void AStepsFiftyOneConfirmationsAreOneQueueMessageThatReadsBackAsTheSameFiftyOne()
    {
        var confirmations = Enumerable.Range(0, 51).Select(i => Confirmation(i)).ToList();

        var message = Assert.Single(NotificationBatch.Messages(confirmations));

        Assert.Equal(confirmations, NotificationBatch.Parse(message, out var isBatch));
        Assert.True(isBatch);
    }

    [Fact]
    public void LargeStepsAreSplitSoEveryMessageFitsTheQueueAfterBase64AndNoNotificationIsLostOrDoubled()
    {
        var bulky = Enumerable.Range(0, 400).Select(i => Confirmation(i, comment: new string('意', 300))).ToList();

        var messages = NotificationBatch.Messages(bulky);

        Assert.True(messages.Count > 4, $"{messages.Count} messages");
        Assert.All(messages, m => Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(m)).Length < 64 * 1024, $"{m.Length} characters"));
        Assert.All(messages, m => Assert.True(NotificationBatch.Parse(m, out _).Count <= 100));
        Assert.Equal(bulky, Read(messages));
    }

    [Fact]
    public void NotificationsForTwoWorkshopsTravelApartAndOneQueuedTwiceTravelsOnce()
    {
        var first = Enumerable.Range(0, 3).Select(i => Confirmation(i, "ws-a")).ToList();
        var second = Enumerable.Range(0, 2).Select(i => Confirmation(i, "ws-b")).ToList();

        var messages = NotificationBatch.Messages([.. first, first[1], .. second]);

        Assert.Equal(2, messages.Count);
        Assert.Equal(["ws-a", "ws-b"], messages.Select(m => NotificationBatch.Parse(m, out _).Select(n => n.WorkshopId).Distinct().Single()));
        Assert.Equal([.. first, .. second], Read(messages));
    }

    [Fact]
    public void ALoneNotificationIsQueuedAsItAlwaysWasSoOldAndNewMessagesReadTheSame()
    {
        var n = MailSamples.Of(NotificationKind.ReviewRequest) with { Stage = Stage.InternalReview };

        var message = Assert.Single(NotificationBatch.Messages([n]));

        Assert.Equal(n, NotificationHandler.Parse(message));
        Assert.Equal([n], NotificationBatch.Parse(message, out var isBatch));
        Assert.False(isBatch);
        Assert.Empty(NotificationBatch.Messages([]));
    }

    [Theory]
    [InlineData("""{"notifications":[]}""")]
    [InlineData("""{"notifications":[{"id":"n1","kind":"ReviewRequest","workshopId":"w1","role":"ProjectManager","stage":"InternalReview","round":0,"createdAt":"2026-01-01T00:00:00+00:00"}]}""")]
    [InlineData("""{"notifications":[null]}""")]
    [InlineData("""{"notifications":"x"}""")]
    [InlineData("not json")]
    public void ABatchThatIsNotOneFailsLoudlySoItEndsInThePoisonQueue(string message) =>
        Assert.Throws<InvalidDataException>(() => NotificationBatch.Parse(message, out _));

    [Fact]
    public void AStepsMailsCarryTheWorkshopAsTheStepStoredItEvenAMailOnItsOwn()
    {
        var snapshot = new MailSnapshot(Builders.Proposal(), [new PendingRequest(Role.FocalPoint, "MFA", DateTimeOffset.UtcNow)]);
        var receipt = MailSamples.Of(NotificationKind.Receipt);

        var message = Assert.Single(NotificationBatch.Messages([receipt], snapshot));

        var read = NotificationBatch.Read(message, out var isBatch);
        Assert.True(isBatch);
        Assert.Equal([receipt], read.Notifications);
        Assert.Equal(snapshot.Proposal.Title, read.Snapshot?.Proposal.Title);
        Assert.Equal(snapshot.Pending, read.Snapshot?.Pending);
    }

    [Fact]
    public void ASnapshotTooLargeToCarryIsLeftOutAndBatchesWithOneStillFitTheQueue()
    {
        var proposal = Builders.Proposal();
        var pending = Enumerable.Range(0, 60).Select(i => new PendingRequest(Role.Participant, $"participant.{i:00}@mfa.example.cn", DateTimeOffset.UtcNow)).ToList();
        var small = new MailSnapshot(proposal, pending);
        var large = new MailSnapshot(proposal with { Summary = new string('意', 6000) }, pending);

        Assert.Null(NotificationBatch.Read(Assert.Single(NotificationBatch.Messages([Confirmation(0)], large)), out var isBatch).Snapshot);
        Assert.False(isBatch);

        var bulky = Enumerable.Range(0, 400).Select(i => Confirmation(i, comment: new string('意', 300))).ToList();
        var messages = NotificationBatch.Messages(bulky, small);
        Assert.All(messages, m => Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(m)).Length < 64 * 1024, $"{m.Length} characters"));
        Assert.All(messages, m => Assert.NotNull(NotificationBatch.Read(m, out _).Snapshot));
        Assert.Equal(bulky, Read(messages));
    }
}
