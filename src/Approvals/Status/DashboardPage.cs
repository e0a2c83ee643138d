using Approvals.Http;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Status;

/// <summary><c>GET /api/dashboard</c>: the managers' page — every workshop newest first, its stage, its next
/// deadline, overdue ones marked; filter by stage or overdue. Same data and key as <c>GET /api/workshops</c>.</summary>
public sealed class DashboardPage(WorkshopStore workshops, TimeProvider time)
{
    public async Task<IResult> ShowAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        Stage? stage = Enum.TryParse<Stage>(query["stage"].ToString(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        var overdue = string.Equals(query["overdue"], "true", StringComparison.OrdinalIgnoreCase);
        var token = query["continuationToken"].ToString();
        var code = query["code"].ToString();
        WorkshopPage page;
        try
        {
            page = await workshops.ListAsync(stage, overdue, token.Length == 0 ? null : token, WorkshopsApi.PageSize);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 400)
        {
            page = new WorkshopPage([], null);
        }

        return Pages.Render<Dashboard>(new()
        {
            [nameof(Dashboard.Page)] = page,
            [nameof(Dashboard.Stage)] = stage,
            [nameof(Dashboard.Overdue)] = overdue,
            [nameof(Dashboard.Code)] = code,
            [nameof(Dashboard.Now)] = time.GetUtcNow(),
        });
    }
}
