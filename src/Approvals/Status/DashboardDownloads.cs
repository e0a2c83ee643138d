using Approvals.Audit;
using Approvals.Http;
using Approvals.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Approvals.Status;

/// <summary>The workshop page's downloads (audit CSV, status JSON) under the dashboard's own routes, checked by the
/// same key the browser already sends the dashboard by HTTP Basic. The staff API's routes for the same files need a
/// function key in the Functions host, which a browser following a link does not send.</summary>
public sealed class DashboardDownloads(ApiKeyFilter keys, AuditExport export, WorkshopsApi api)
{
    public async Task<IResult> AuditCsvAsync(HttpContext http, string id) => Refusal(http) ?? await export.WorkshopAsync(http, id);

    public async Task<IResult> StatusJsonAsync(HttpContext http, DurableTaskClient client, string id) => Refusal(http) ?? await api.GetAsync(client, id);

    private IResult? Refusal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (keys.IsAuthorized(http.Request)) return null;
        ApiKeyFilter.Challenge(http.Response);
        return Problems.Unauthorized();
    }
}
