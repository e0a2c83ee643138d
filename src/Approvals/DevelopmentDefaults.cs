using Approvals.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Approvals;

/// <summary>In Development only: a known API key and signing key when none are configured, so the server runs
/// with no set-up. Outside Development the validator insists on real keys.</summary>
public static class DevelopmentDefaults
{
    public const string ApiKey = "dev-approvals-key";

    /// <summary>Adds the defaults below every other source; returns true when the dev keys are in use.</summary>
    public static bool Apply(IConfigurationManager configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment()) return false;
        var defaults = new Dictionary<string, string?>();
        if (!configuration.GetSection($"{ApprovalsOptions.Section}:ApiKeys").GetChildren().Any()) defaults[$"{ApprovalsOptions.Section}:ApiKeys:0"] = ApiKey;
        if (string.IsNullOrWhiteSpace(configuration[$"{ApprovalsOptions.Section}:SigningKey"])) defaults[$"{ApprovalsOptions.Section}:SigningKey"] = SigningKey.Development;
        if (defaults.Count == 0) return false;
        configuration.AddInMemoryCollection(defaults);
        return true;
    }
}
