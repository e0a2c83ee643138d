namespace Approvals.Links;

/// <summary>The key that signs links.</summary>
public static class SigningKey
{
    /// <summary>Used only in Development when no key is configured (the server prints it); never valid elsewhere,
    /// because <see cref="ApprovalsOptionsValidator"/> refuses to start without a real key outside Development.</summary>
    public const string Development = "ZGV2ZWxvcG1lbnQtb25seS1zaWduaW5nLWtleS1hcHByb3ZhbHM=";

    public static byte[] Resolve(ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Convert.FromBase64String(ApprovalsOptionsValidator.SigningKeyError(options.SigningKey) is null ? options.SigningKey! : Development);
    }
}
