using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>Checks <c>Approvals:Mail</c> at start-up, so a bad sender or port stops the app with a clear message instead
/// of sending every notification to the poison queue.</summary>
public sealed class MailOptionsValidator : IValidateOptions<ApprovalsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var mail = options.Mail;
        if (!string.IsNullOrWhiteSpace(mail.From) && !MailboxAddress.TryParse(mail.From.Trim(), out _))
        {
            failures.Add($"Approvals:Mail:From must be a mail address such as \"Approvals <approvals@example.org>\", not '{mail.From}'.");
        }

        if (mail.Smtp.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"Approvals:Mail:Smtp:Port must be between 1 and 65535, not {port}.");
        }

        if (MailSettings.CredentialsWouldGoInClear(mail))
        {
            failures.Add("Approvals:Mail:Smtp:UserName is set but Approvals:Mail:Smtp:UseTls is not: the password would cross the network unencrypted. "
                + "Set Approvals:Mail:Smtp:UseTls=true, or Approvals:Mail:Smtp:AllowCredentialsWithoutTls=true for a relay on a network you trust.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
