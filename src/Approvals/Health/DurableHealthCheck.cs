using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Approvals.Health;

/// <summary>Ready when the Durable Task backend answers the client: a status query for an instance that does not
/// exist travels through the host (or the server's sidecar) to the task hub's storage and back.</summary>
public sealed class DurableHealthCheck : IHealthCheck
{
    /// <summary>The client of the request being checked. The Functions host hands a client to a function as a binding,
    /// never to the container, so the probe passes it down the call (health checks run in the caller's async flow).</summary>
    internal static readonly AsyncLocal<DurableTaskClient?> Client = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Client.Value is not { } client) return HealthCheckResult.Unhealthy("No Durable Task client was given to the probe.");
        try
        {
            await client.GetInstanceAsync("readiness-probe", getInputsAndOutputs: false, cancellationToken);
            return HealthCheckResult.Healthy("The task hub answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The task hub did not answer ({e.GetType().Name}).");
        }
    }
}
