using Approvals.Http;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Status;

/// <summary><c>GET /api/dashboard</c>: the managers' page — the workshops with a stuck step first, then every workshop
/// newest first, its stage, its next deadline, overdue ones marked; filter by stage or overdue. Same data and key as
/// <c>GET /api/workshops</c>, but the page checks the key itself in both hosts, so a browser can send it by HTTP Basic authentication (the Functions host
/// would refuse that before the page runs) and no link on the page needs it.</summary>
public sealed class DashboardPage(WorkshopStore workshops, ApiKeyFilter keys, TimeProvider time)
{
    public async Task<IResult> ShowAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!keys.IsAuthorized(http.Request))
        {
            ApiKeyFilter.Challenge(http.Response);
            return Pages.Message(StatusCodes.Status401Unauthorized, "The staff key is needed", "需要工作人员密钥",
                "When your browser asks, enter any user name and the staff API key as the password.",
                "浏览器询问时，请输入任意用户名，并以工作人员 API 密钥作为密码。");
        }

        var reading = WorkshopListQuery.Read(http.Request.Query);
        if (reading.Query is not { } query) return InvalidQuery(reading.Error!);
        var stage = query.Stage;
        var overdue = query.OverdueOnly;
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
            [nameof(Dashboard.Now)] = time.GetUtcNow(),
        });
    }

    private static IResult InvalidQuery(InvalidParameter error) =>
        Pages.Message(StatusCodes.Status400BadRequest, "Invalid query", "查询无效",
            $"The query parameter '{error.Name}' is wrong: {error.Reason}", $"查询参数“{error.Name}”有误：{error.ReasonZh}");
}
