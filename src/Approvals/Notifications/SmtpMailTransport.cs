using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>Sends through the SMTP server of <c>Approvals:Mail:Smtp</c> with MailKit: one connection per mail, or per
/// <see cref="SmtpMailSession"/> for the mails of a batch.
/// <c>UseTls</c> means implicit TLS on port 465 and STARTTLS (required) on any other port; without it the connection
/// stays plain. It authenticates only when a user name is set, and on a plain connection only when
/// <c>AllowCredentialsWithoutTls</c> says so (start-up refuses the settings otherwise; this guards the connection too).</summary>
public sealed class SmtpMailTransport(IOptions<ApprovalsOptions> options) : IMailTransport
{
    public async Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        await using var session = OpenSession();
        return await session.SendAsync(mail, message, cancellationToken);
    }

    public IMailSession OpenSession() => new SmtpMailSession(options.Value.Mail);

    public static SecureSocketOptions Security(MailOptions mail)
    {
        if (!MailSettings.UseTls(mail)) return SecureSocketOptions.None;
        return MailSettings.SmtpPort(mail) == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
    }
}
