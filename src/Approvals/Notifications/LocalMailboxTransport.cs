using Approvals.Storage;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>Captures mail into the local mailbox (blob container <c>mailbox</c>) when no SMTP host is configured;
/// browsable at <c>/dev/mailbox</c>.</summary>
public sealed class LocalMailboxTransport(MailboxStore mailbox) : IMailTransport
{
    public async Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(message);
        var n = mail.Notification;
        var id = MailboxStore.NewId(message.Date, n.Id);
        var captured = new MailboxMessage(
            id,
            mail.To,
            mail.Subject,
            message.Date,
            mail.Text,
            mail.Html,
            message.From.ToString(),
            message.MessageId ?? string.Empty,
            n.Id,
            n.WorkshopId,
            n.Kind,
            mail.Link?.AbsoluteUri,
            mail.Attachments.Select(a => a.FileName).ToList());
        await mailbox.SaveAsync(captured, MailMessages.ToBytes(message), cancellationToken);
        return $"mailbox {id}";
    }
}
