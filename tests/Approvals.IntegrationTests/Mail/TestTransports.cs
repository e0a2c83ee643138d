using Approvals.Notifications;
using MimeKit;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A transport (our own port) that counts hand-overs, fails the first <paramref name="failures"/> of them,
/// and passes the rest to the local mailbox. A small delay widens the window in which deliveries overlap. With
/// <paramref name="relayDown"/> the failures are what the SMTP transport reports for a relay that refuses connections.
/// A mail to <paramref name="refused"/> is refused every time, as a relay refuses an unknown recipient.</summary>
public sealed class CountingTransport(LocalMailboxTransport inner, int failures = 0, TimeSpan? delay = null, bool relayDown = false, string? refused = null)
    : IMailTransport
{
    private int attempts;
    private int sent;

    public int Attempts => Volatile.Read(ref attempts);
    public int Sent => Volatile.Read(ref sent);

    public async Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        if (delay is { } d) await Task.Delay(d, cancellationToken);
        if (attempt <= failures)
        {
            var failure = new IOException($"Simulated SMTP failure {attempt} (421 service not available).");
            throw relayDown ? new MailRelayUnavailableException("127.0.0.1:25", failure) : failure;
        }

        if (string.Equals(mail.To, refused, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Simulated refusal: 550 5.1.1 <{mail.To}> unknown recipient.");
        }

        var receipt = await inner.SendAsync(mail, message, cancellationToken);
        Interlocked.Increment(ref sent);
        return receipt;
    }
}
