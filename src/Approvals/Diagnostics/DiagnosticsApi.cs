using Approvals.Http;
using Approvals.Storage;
using Microsoft.AspNetCore.Http;

namespace Approvals.Diagnostics;

/// <summary><c>GET /api/diagnostics/storage-requests</c> (staff key): the storage requests this instance sent since it
/// started, by table, queue and container, so a load test can read them between its phases without stopping the host.
/// Answers 404 while counting is off, which is how it ships.</summary>
public sealed class DiagnosticsApi(StorageRequestCounts counts)
{
    public IResult StorageRequests(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        return counts.Enabled
            ? TypedResults.Json(counts.Snapshot(), Json.Options)
            : Problems.NotFound($"Storage requests are not counted: set {StorageRequestCounts.Setting} to true to count them.");
    }
}
