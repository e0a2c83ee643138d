using Approvals.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Approvals.Server.Durable;

/// <summary>The Durable worker's work-item streams to the sidecar: whether one was ever opened (the point where the
/// sidecar starts the storage service) and how many are open now (the worker is connected and gets work).</summary>
sealed class WorkerConnection
{
    volatile bool seen;
    int open;

    public bool Seen => seen;

    public int Open => Volatile.Read(ref open);

    public void Opened()
    {
        seen = true;
        Interlocked.Increment(ref open);
    }

    public void Closed() => Interlocked.Decrement(ref open);
}

/// <summary>Ready when the worker holds a work-item stream: without one, workshops are accepted but never move.</summary>
sealed class DurableWorkerHealthCheck(WorkerConnection connection) : IHealthCheck
{
    public const string Name = "durable-worker";

    public static void Register(IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DurableWorkerHealthCheck>(Name, HealthStatus.Unhealthy, [HealthTags.Ready]);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.Open > 0
            ? HealthCheckResult.Healthy("The worker is connected to the sidecar.")
            : HealthCheckResult.Unhealthy(connection.Seen ? "The worker lost its connection to the sidecar." : "The worker has not connected yet."));
}
