using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Approvals.Health;

/// <summary>Which checks answer which probe: <c>/healthz</c> runs the live ones (the process answers), <c>/readyz</c>
/// the ready ones (it can do its work).</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}

public static class HealthSetup
{
    /// <summary>A probe must answer before the prober gives up: a dependency that does not answer within this is down
    /// (the storage SDK's own retries would take longer).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IHealthChecksBuilder AddApprovalsHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<HealthApi>();
        return services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process answers."), [HealthTags.Live])
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, [HealthTags.Ready], CheckTimeout)
            .AddCheck<DurableHealthCheck>("durable", HealthStatus.Unhealthy, [HealthTags.Ready], CheckTimeout)
            .AddCheck<OutboxHealthCheck>("outbox", HealthStatus.Unhealthy, [HealthTags.Ready], CheckTimeout);
    }
}
