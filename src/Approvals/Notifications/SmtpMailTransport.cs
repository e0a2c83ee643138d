using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>Sends through the SMTP server of <c>Approvals:Mail:Smtp</c> with MailKit: one connection per mail.
/// <c>UseTls</c> means implicit TLS on port 465 and STARTTLS (required) on any other port; without it the connection
/// stays plain. It authenticates only when a user name is set, and on a plain connection only when
/// <c>AllowCredentialsWithoutTls</c> says so (start-up refuses the settings otherwise; this guards the connection too).</summary>
public sealed class SmtpMailTransport(IOptions<ApprovalsOptions> options) : IMailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mailOptions = options.Value.Mail;
        var host = MailSettings.SmtpHost(mailOptions) ?? throw new InvalidOperationException("Approvals:Mail:Smtp:Host is not set.");
        var port = MailSettings.SmtpPort(mailOptions);
        try
        {
            return await SendThroughAsync(host, port, mailOptions, message, cancellationToken);
        }
        catch (Exception e) when (MailRelayUnavailableException.IsOutage(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new MailRelayUnavailableException($"{host}:{port}", e);
        }
    }

    private static async Task<string> SendThroughAsync(string host, int port, MailOptions mailOptions, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(host, port, Security(mailOptions), cancellationToken);
        if (MailSettings.UserName(mailOptions) is { } user)
        {
            if (!client.IsSecure && !MailSettings.AllowCredentialsWithoutTls(mailOptions))
            {
                throw new InvalidOperationException($"Refusing to send the SMTP password to {host}:{port} over an unencrypted connection; set Approvals:Mail:Smtp:UseTls=true.");
            }

            await client.AuthenticateAsync(user, mailOptions.Smtp.Password ?? string.Empty, cancellationToken);
        }

        var response = await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (MailRelayUnavailableException.IsOutage(e))
        {
            // The relay has taken the mail: a connection lost on the way out must not make it be sent again.
        }

        return $"smtp {host}:{port} {response}".Trim();
    }

    public static SecureSocketOptions Security(MailOptions mail)
    {
        if (!MailSettings.UseTls(mail)) return SecureSocketOptions.None;
        return MailSettings.SmtpPort(mail) == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
    }
}
