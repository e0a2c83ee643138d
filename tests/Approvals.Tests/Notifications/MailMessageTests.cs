using Approvals.Notifications;
using MimeKit;

namespace Approvals.Tests.Notifications;

public sealed class MailMessageTests
{
    [Fact]
    public async Task TheMessageIdDerivesFromTheNotificationId()
    {
        var n = MailSamples.Of(NotificationKind.ReviewRequest);
        var message = MailMessages.Create(await MailSamples.RenderAsync(n), MailSamples.From, MailSamples.Now);

        Assert.Equal($"{n.Id}@iom.example.org", message.MessageId);
        Assert.Equal(n.Id, message.Headers["X-Approvals-Notification"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task AConfirmationIsTextAndHtmlWithACalendarRequestAndAnIcsAttachmentInSevenBit()
    {
        var n = MailSamples.Of(NotificationKind.ParticipantConfirmation);
        var built = MailMessages.Create(await MailSamples.RenderAsync(n), MailSamples.From, MailSamples.Now);
        var bytes = MailMessages.ToBytes(built);

        Assert.All(bytes, b => Assert.True(b < 128, "Every byte must be 7-bit."));
        using var stream = new MemoryStream(bytes);
        var message = MimeMessage.Load(stream);
        Assert.Contains("Participation confirmed", message.Subject, StringComparison.Ordinal);
        Assert.Contains("参会确认", message.Subject, StringComparison.Ordinal);
        Assert.Contains("您已确认作为外交部提名的学员", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Li Wei", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(message.BodyParts.OfType<TextPart>(), p => p.ContentType.MimeType == "text/calendar" && p.ContentType.Parameters["method"] == "REQUEST");
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal("\"Li Wei\" <li.wei@mfa.example.cn>", message.To.ToString());
    }
}
