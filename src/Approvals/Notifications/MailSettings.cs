using MimeKit;

namespace Approvals.Notifications;

/// <summary>Reads <c>Approvals:Mail</c> the way operators write it: an empty string counts as unset.</summary>
public static class MailSettings
{
    public const string DefaultFrom = "Approvals <approvals@localhost>";

    public static MailboxAddress From(MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = string.IsNullOrWhiteSpace(options.From) ? DefaultFrom : options.From.Trim();
        return MailboxAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"Approvals:Mail:From is not a mail address: '{text}'.");
    }

    /// <summary>The SMTP host, or null when mail goes to the local mailbox.</summary>
    public static string? SmtpHost(MailOptions options) =>
        options is null || string.IsNullOrWhiteSpace(options.Smtp.Host) ? null : options.Smtp.Host.Trim();

    public static bool UsesSmtp(MailOptions options) => SmtpHost(options) is not null;

    public const int DefaultSmtpPort = 25;

    public static int SmtpPort(MailOptions options) => options?.Smtp.Port ?? DefaultSmtpPort;

    public static bool UseTls(MailOptions options) => options?.Smtp.UseTls ?? false;

    public static bool AllowCredentialsWithoutTls(MailOptions options) => options?.Smtp.AllowCredentialsWithoutTls ?? false;

    /// <summary>True when a user name and password would be sent over a plain connection nobody allowed.</summary>
    public static bool CredentialsWouldGoInClear(MailOptions options) =>
        UsesSmtp(options) && UserName(options) is not null && !UseTls(options) && !AllowCredentialsWithoutTls(options);

    public static string? UserName(MailOptions options) =>
        options is null || string.IsNullOrWhiteSpace(options.Smtp.UserName) ? null : options.Smtp.UserName;
}
