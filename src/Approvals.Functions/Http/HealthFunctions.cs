using Approvals.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>The liveness and readiness probes: anonymous, as probes send no key. The Durable worker runs inside the
/// Functions host here, so readiness asks the task hub through the host's client.</summary>
public sealed class HealthFunctions(HealthApi health)
{
    [Function(nameof(CheckLiveness))]
    public Task<IActionResult> CheckLiveness([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest req) =>
        Adapted.From(health.LiveAsync(req.HttpContext));

    [Function(nameof(CheckReadiness))]
    public Task<IActionResult> CheckReadiness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        Adapted.From(health.ReadyAsync(req.HttpContext, client));
}
