using Approvals.Http;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Status;

/// <summary><c>GET /api/dashboard</c>: the managers' page — the workshops with a stuck step first, then every workshop
/// newest first, its stage, its next deadline, overdue ones marked; filter by stage or overdue. Same data and key as
/// <c>GET /api/workshops</c>.</summary>
public sealed class DashboardPage(WorkshopStore workshops, TimeProvider time)
{
    public async Task<IResult> ShowAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var reading = WorkshopListQuery.Read(http.Request.Query);
        if (reading.Query is not { } query) return InvalidQuery(reading.Error!);
        var stage = query.Stage;
        var overdue = query.OverdueOnly;
        var code = http.Request.Query["code"].ToString();
        var listing = await workshops.ListAsync(stage, overdue, query.ContinuationToken, WorkshopListQuery.PageSize);
        if (listing.TokenRejected) return InvalidQuery(WorkshopListQuery.RejectedToken);
        var page = listing.Page;
        var stuck = await workshops.ListStuckAsync(WorkshopListQuery.PageSize);

        return Pages.Render<Dashboard>(new()
        {
            [nameof(Dashboard.Page)] = page,
            [nameof(Dashboard.Stuck)] = stuck,
            [nameof(Dashboard.Stage)] = stage,
            [nameof(Dashboard.Overdue)] = overdue,
            [nameof(Dashboard.Code)] = code,
            [nameof(Dashboard.Now)] = time.GetUtcNow(),
        });
    }

    private static IResult InvalidQuery(InvalidParameter error) =>
        Pages.Message(StatusCodes.Status400BadRequest, "Invalid query", "查询无效",
            $"The query parameter '{error.Name}' is wrong: {error.Reason}", $"查询参数“{error.Name}”有误：{error.ReasonZh}");
}
