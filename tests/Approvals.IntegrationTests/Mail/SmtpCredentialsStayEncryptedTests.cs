using Approvals.Notifications;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.IntegrationTests.Mail;

[Collection(nameof(MailCollection))]
public sealed class SmtpCredentialsStayEncryptedTests(Smtp4devFixture smtp4dev)
{
    static MimeMessage Message(string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("approvals@iom.example.org"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Plain connection";
        message.Body = new TextPart("plain") { Text = "Nothing to see." };
        return message;
    }

    SmtpMailTransport Transport(bool? allowWithoutTls)
    {
        var options = new ApprovalsOptions();
        options.Mail.Smtp.Host = "127.0.0.1";
        options.Mail.Smtp.Port = smtp4dev.SmtpPort;
        options.Mail.Smtp.UserName = "mailer";
        options.Mail.Smtp.Password = "secret-password";
        options.Mail.Smtp.AllowCredentialsWithoutTls = allowWithoutTls;
        return new SmtpMailTransport(Options.Create(options));
    }

    /// <summary>Start-up already refuses these settings; the transport refuses too, so a password never crosses a plain
    /// connection even when the settings check is bypassed.</summary>
    [Fact]
    public async Task OnAPlainConnectionThePasswordIsNotSentAndNothingIsDelivered()
    {
        var to = MailTestData.UniqueAddress("plain");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Transport(allowWithoutTls: null).SendAsync(null!, Message(to), CancellationToken.None));

        Assert.Equal($"Refusing to send the SMTP password to 127.0.0.1:{smtp4dev.SmtpPort} over an unencrypted connection; set Approvals:Mail:Smtp:UseTls=true.", refused.Message);
        Assert.DoesNotContain(await smtp4dev.ListAsync(), m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase));
    }
}
