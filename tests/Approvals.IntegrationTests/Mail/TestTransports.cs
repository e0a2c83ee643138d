using Approvals.Notifications;
using MimeKit;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A transport (our own port) that counts hand-overs, fails the first <paramref name="failures"/> of them,
/// and passes the rest to the local mailbox. A small delay widens the window in which deliveries overlap.</summary>
public sealed class CountingTransport(LocalMailboxTransport inner, int failures = 0, TimeSpan? delay = null) : IMailTransport
{
    private int attempts;
    private int sent;

    public int Attempts => Volatile.Read(ref attempts);
    public int Sent => Volatile.Read(ref sent);

    public async Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        if (delay is { } d) await Task.Delay(d, cancellationToken);
        if (attempt <= failures) throw new IOException($"Simulated SMTP failure {attempt} (421 service not available).");
        var receipt = await inner.SendAsync(mail, message, cancellationToken);
        Interlocked.Increment(ref sent);
        return receipt;
    }
}
