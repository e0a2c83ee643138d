using System.Net;

namespace Approvals.Links;

/// <summary>The key that signs links.</summary>
public static class SigningKey
{
    /// <summary>Used only in Development when no key is configured (the server prints it); refused elsewhere by
    /// <see cref="ApprovalsOptionsValidator"/>, because it is published with the source.</summary>
    public const string Development = "ZGV2ZWxvcG1lbnQtb25seS1zaWduaW5nLWtleS1hcHByb3ZhbHM=";

    /// <summary>The configured key's bytes; never a substitute, so a key that cannot be used stops the app.</summary>
    public static byte[] Resolve(ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ApprovalsOptionsValidator.SigningKeyError(options.SigningKey) is { } error
            ? throw new InvalidOperationException($"Approvals:SigningKey {error}")
            : Convert.FromBase64String(options.SigningKey!);
    }

    public static bool IsDevelopmentKey(string? key) => string.Equals(key?.Trim(), Development, StringComparison.Ordinal);

    /// <summary>Why links signed with the development key could reach someone other than the developer (real mail
    /// goes out, or links point beyond this machine), or null when they cannot.</summary>
    public static string? PublicKeyExposure(ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsDevelopmentKey(options.SigningKey)) return null;
        var smtpHost = options.Mail.Smtp.Host;
        if (!string.IsNullOrWhiteSpace(smtpHost)) return $"mail goes out through {smtpHost.Trim()}";
        return IsLoopback(options.PublicBaseUrl) ? null : $"links point to {options.PublicBaseUrl}";
    }

    private static bool IsLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip)));
}
