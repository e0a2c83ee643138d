using Approvals.Links;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Approvals;

/// <summary>Checks the settings at start-up so a bad value stops the app with a clear message, not a crash later.</summary>
public sealed class ApprovalsOptionsValidator(IHostEnvironment environment) : IValidateOptions<ApprovalsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var development = environment.IsDevelopment();

        // Development fills in the development key only when none is set, so a key that is set but unusable is a typo
        // in every environment: signing with the public key instead would go unnoticed.
        if (SigningKeyError(options.SigningKey) is { } keyError && (!development || !string.IsNullOrWhiteSpace(options.SigningKey)))
        {
            failures.Add($"Approvals:SigningKey {keyError} Generate one with: openssl rand -base64 32");
        }
        else if (!development && SigningKey.IsDevelopmentKey(options.SigningKey))
        {
            failures.Add("Approvals:SigningKey is the development key, which is published with the source: anyone could sign links with it. "
                + "Generate one with: openssl rand -base64 32");
        }

        var t = options.Timing;
        foreach (var (key, value) in new[]
                 {
                     (nameof(t.ReviewTimeout), t.ReviewTimeout), (nameof(t.NominationWindow), t.NominationWindow),
                     (nameof(t.DonorTimeout), t.DonorTimeout), (nameof(t.ReminderInterval), t.ReminderInterval),
                     (nameof(t.EscalationGrace), t.EscalationGrace), (nameof(t.LinkLifetime), t.LinkLifetime),
                     (nameof(t.ActivityRetryInterval), t.ActivityRetryInterval),
                     (nameof(t.ChangeCutoff), t.ChangeCutoff), (nameof(t.AnswerReminderBefore), t.AnswerReminderBefore),
                 })
        {
            if (value <= TimeSpan.Zero) failures.Add($"Approvals:Timing:{key} must be a positive TimeSpan (e.g. 5.00:00:00), not {value}.");
        }

        foreach (var (key, value) in new[] { (nameof(options.PurgeAfter), options.PurgeAfter), (nameof(options.PurgeInterval), options.PurgeInterval) })
        {
            if (value <= TimeSpan.Zero) failures.Add($"Approvals:{key} must be a positive TimeSpan (e.g. 90.00:00:00), not {value}.");
        }

        if (options.MaxRevisionRounds is < 0 or > 20) failures.Add("Approvals:MaxRevisionRounds must be between 0 and 20.");
        if (!options.PublicBaseUrl.IsAbsoluteUri) failures.Add("Approvals:PublicBaseUrl must be an absolute URL.");
        else if (!development && options.PublicBaseUrl.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Approvals:PublicBaseUrl must be an https address outside Development (mailed links are credentials), not '{options.PublicBaseUrl}'.");
        }

        if (options.ApiKeys.Any(k => k.Length < 8)) failures.Add("Approvals:ApiKeys entries must be at least 8 characters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why a signing key is unusable, or null when it is fine.</summary>
    public static string? SigningKeyError(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return "is missing: set a base64 key of at least 32 bytes.";
        var buffer = new byte[key.Length];
        if (!Convert.TryFromBase64String(key, buffer, out var length)) return "is not valid base64.";
        return length < 32 ? $"is {length} bytes; at least 32 are needed." : null;
    }
}
