using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Approvals.Health;

/// <summary>The body of both probes: the overall status and each check with its own status, why, how long it took
/// and its figures.</summary>
public sealed record HealthAnswer(string Status, double DurationMs, IReadOnlyList<HealthCheckAnswer> Checks);

public sealed record HealthCheckAnswer(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object> Data);

/// <summary>The liveness and readiness probes, for both hosts: anonymous, as platform probes send no key, and free of
/// anything secret. Unhealthy is 503; Degraded still answers 200, so a mail backlog does not take the instance out.</summary>
public sealed class HealthApi(HealthCheckService health)
{
    public Task<JsonHttpResult<HealthAnswer>> LiveAsync(HttpContext http) => RunAsync(http, HealthTags.Live, client: null);

    public Task<JsonHttpResult<HealthAnswer>> ReadyAsync(HttpContext http, DurableTaskClient client) =>
        RunAsync(http, HealthTags.Ready, client ?? throw new ArgumentNullException(nameof(client)));

    private async Task<JsonHttpResult<HealthAnswer>> RunAsync(HttpContext http, string tag, DurableTaskClient? client)
    {
        ArgumentNullException.ThrowIfNull(http);
        DurableHealthCheck.Client.Value = client;
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(tag), http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        var answer = new HealthAnswer(report.Status.ToString(), Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.Select(e => new HealthCheckAnswer(e.Key, e.Value.Status.ToString(), e.Value.Description,
                Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Data)).ToList());
        return TypedResults.Json(answer, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
