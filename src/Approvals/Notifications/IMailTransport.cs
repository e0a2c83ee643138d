using MimeKit;

namespace Approvals.Notifications;

/// <summary>Where a rendered mail goes: an SMTP server, or the local mailbox when none is configured.
/// Throws when the mail could not be handed over, so the queue message is retried.</summary>
public interface IMailTransport
{
    /// <summary>Sends the message; returns a short receipt of where it went (for the SentMail record and logs).</summary>
    Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken);

    /// <summary>A session for several mails one after another (over one connection, where the transport has one).</summary>
    IMailSession OpenSession() => new OneAtATime(this);

    private sealed class OneAtATime(IMailTransport transport) : IMailSession
    {
        public Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken) =>
            transport.SendAsync(mail, message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Mails sent one after another through one <see cref="IMailTransport"/>; not for concurrent use.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <inheritdoc cref="IMailTransport.SendAsync"/>
    Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken);
}
