using MailKit.Net.Smtp;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>One SMTP connection for mails sent one after another: connected (and authenticated) on the first mail,
/// connected again when the relay has dropped it in between, closed with QUIT at the end.</summary>
public sealed class SmtpMailSession(MailOptions mailOptions) : IMailSession
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string host = MailSettings.SmtpHost(mailOptions) ?? throw new InvalidOperationException("Approvals:Mail:Smtp:Host is not set.");
    private readonly int port = MailSettings.SmtpPort(mailOptions);
    private SmtpClient? client;
    private int sentOnConnection;

    public async Task<string> SendAsync(RenderedMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            try
            {
                return await SendOnceAsync(message, cancellationToken);
            }
            catch (Exception e) when (sentOnConnection > 0 && MailRelayUnavailableException.IsOutage(e) && !cancellationToken.IsCancellationRequested)
            {
                // A connection that carried mail before may have been closed by the relay while idle: one fresh try.
                Drop();
                return await SendOnceAsync(message, cancellationToken);
            }
        }
        catch (Exception e) when (MailRelayUnavailableException.IsOutage(e) && !cancellationToken.IsCancellationRequested)
        {
            Drop();
            throw new MailRelayUnavailableException($"{host}:{port}", e);
        }
    }

    private async Task<string> SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var connected = await ConnectedAsync(cancellationToken);
        var response = await connected.SendAsync(message, cancellationToken);
        sentOnConnection++;
        return $"smtp {host}:{port} {response}".Trim();
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (client is { IsConnected: true }) return client;
        Drop();
        var fresh = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        client = fresh;
        await fresh.ConnectAsync(host, port, SmtpMailTransport.Security(mailOptions), cancellationToken);
        if (MailSettings.UserName(mailOptions) is { } user)
        {
            if (!fresh.IsSecure && !MailSettings.AllowCredentialsWithoutTls(mailOptions))
            {
                throw new InvalidOperationException($"Refusing to send the SMTP password to {host}:{port} over an unencrypted connection; set Approvals:Mail:Smtp:UseTls=true.");
            }

            await fresh.AuthenticateAsync(user, mailOptions.Smtp.Password ?? string.Empty, cancellationToken);
        }

        return fresh;
    }

    private void Drop()
    {
        client?.Dispose();
        client = null;
        sentOnConnection = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (client is { IsConnected: true } open)
        {
            try
            {
                await open.DisconnectAsync(quit: true);
            }
            catch (Exception)
            {
                // The relay has taken the mails: a connection lost on the way out must not make them be sent again.
            }
        }

        Drop();
    }
}
