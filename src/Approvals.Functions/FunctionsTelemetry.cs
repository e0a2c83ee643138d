using Approvals.Telemetry;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Functions;

/// <summary>The function app exports to the Application Insights the Bicep creates, signing in with the app's identity
/// (the resource refuses the connection string's key).</summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddApprovalsTelemetry(configuration, "Approvals.Functions").UseFunctionsWorkerDefaults();
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString) return services;
        var credential = Credential(configuration[AuthenticationSetting]);
        telemetry.UseAzureMonitorExporter(o =>
        {
            o.ConnectionString = connectionString;
            o.Credential = credential;
        });
        return services;
    }

    /// <summary>The identity the setting names, as the platform reads it: <c>Authorization=AAD</c> is the app's own
    /// identity, <c>;ClientId=…</c> a user-assigned one; without <c>Authorization=AAD</c>, none (the key signs in).</summary>
    public static TokenCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }
}
