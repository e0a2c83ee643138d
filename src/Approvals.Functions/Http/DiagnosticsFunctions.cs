using Approvals.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Http;

/// <summary>Load-test diagnostics: staff API, Function keys. Counts only the app's own storage clients here; the Durable
/// extension's requests go through clients the worker does not own.</summary>
public sealed class DiagnosticsFunctions(DiagnosticsApi diagnostics)
{
    [Function(nameof(CountStorageRequests))]
    public Task<IActionResult> CountStorageRequests([HttpTrigger(AuthorizationLevel.Function, "get", Route = "diagnostics/storage-requests")] HttpRequest req) =>
        Task.FromResult<IActionResult>(new Adapted(diagnostics.StorageRequests(req.HttpContext)));
}
