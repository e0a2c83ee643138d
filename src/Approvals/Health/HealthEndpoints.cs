using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Approvals.Health;

public static class HealthEndpoints
{
    /// <summary>The probes under <c>/api</c>, where the Functions host serves them too, and at the root, where container
    /// platforms and load balancers look for them by convention.</summary>
    public static IEndpointRouteBuilder MapApprovalsHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var prefix in new[] { "/api", string.Empty })
        {
            app.MapGet($"{prefix}/healthz", (HttpContext h, HealthApi api) => api.LiveAsync(h));
            app.MapGet($"{prefix}/readyz", (HttpContext h, HealthApi api, DurableTaskClient c) => api.ReadyAsync(h, c));
        }

        return app;
    }
}
