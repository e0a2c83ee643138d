using MimeKit;

namespace Approvals.Notifications;

/// <summary>Where a rendered mail goes: an SMTP server, or the local mailbox when none is configured.
/// Throws when the mail could not be handed over, so the queue message is retried.</summary>
public interface IMailTransport
{
    /// <summary>Sends the message; returns a short receipt of where it went (for the SentMail record and logs).</summary>
    Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken);
}
