using Approvals.Http;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Approvals.Status;

/// <summary>One request whose deadline has passed: whose it is and on which workshop.</summary>
public sealed record OverdueRequest(string WorkshopId, string Title, PendingRequest Request);

/// <summary><c>GET /api/dashboard</c>: the managers' page — counts per stage, the overdue requests, the stuck workshops,
/// then every workshop newest first, filtered by the query; and <c>GET /api/dashboard/workshops/{id}</c>, one
/// workshop's page. Same data and key as <c>GET /api/workshops</c>, but the pages check the key themselves in both
/// hosts, so a browser can send it by HTTP Basic authentication (the Functions host would refuse that before the page
/// runs) and no link on the pages needs it.</summary>
public sealed class DashboardPage(WorkshopStore workshops, StatusQuery status, ApiKeyFilter keys, TimeProvider time)
{
    public async Task<IResult> ShowAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Refusal(http) is { } refused) return refused;
        var reading = WorkshopListQuery.Read(http.Request.Query);
        if (reading.Query is not { } query) return InvalidQuery(reading.Error!);
        var listingTask = workshops.ListAsync(query.Filter, query.ContinuationToken, WorkshopListQuery.PageSize);
        var countsTask = workshops.CountByStageAsync();
        var stuckTask = workshops.ListStuckAsync(WorkshopListQuery.PageSize);
        var overdueTask = OverdueAsync();
        await Task.WhenAll(listingTask, countsTask, stuckTask, overdueTask);
        if (listingTask.Result.TokenRejected) return InvalidQuery(WorkshopListQuery.RejectedToken);

        return Pages.Render<Dashboard>(new()
        {
            [nameof(Dashboard.Page)] = listingTask.Result.Page,
            [nameof(Dashboard.Counts)] = countsTask.Result,
            [nameof(Dashboard.Stuck)] = stuckTask.Result,
            [nameof(Dashboard.Overdue)] = overdueTask.Result,
            [nameof(Dashboard.Filter)] = query.Filter,
            [nameof(Dashboard.Now)] = time.GetUtcNow(),
        });
    }

    public async Task<IResult> ShowWorkshopAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Refusal(http) is { } refused) return refused;
        var workshopTask = workshops.GetAsync(id);
        var statusTask = WorkshopStore.IsPlausibleId(id) ? status.GetAsync(id, client) : Task.FromResult<WorkshopStatus?>(null);
        await Task.WhenAll(workshopTask, statusTask);
        if (workshopTask.Result is not { } workshop || statusTask.Result is not { } current)
        {
            return Pages.Message(StatusCodes.Status404NotFound, "No such workshop", "没有此研讨会",
                $"There is no workshop with the id '{id}'.", $"没有编号为“{id}”的研讨会。");
        }

        return Pages.Render<WorkshopOverview>(new()
        {
            [nameof(WorkshopOverview.Workshop)] = workshop,
            [nameof(WorkshopOverview.Status)] = current,
            [nameof(WorkshopOverview.Now)] = time.GetUtcNow(),
        });
    }

    /// <summary>The page a browser without the staff key gets, with the Basic challenge; null when the key is there.</summary>
    public IResult? Refusal(HttpContext http)
    {
        if (keys.IsAuthorized(http.Request)) return null;
        ApiKeyFilter.Challenge(http.Response);
        return Pages.Message(StatusCodes.Status401Unauthorized, "The staff key is needed", "需要工作人员密钥",
            "When your browser asks, enter any user name and the staff API key as the password.",
            "浏览器询问时，请输入任意用户名，并以工作人员 API 密钥作为密码。");
    }

    /// <summary>Every request past its deadline on the workshops the index marks overdue, the longest overdue first.</summary>
    private async Task<IReadOnlyList<OverdueRequest>> OverdueAsync()
    {
        var now = time.GetUtcNow();
        var late = await workshops.ListAsync(new WorkshopFilter(OverdueOnly: true), null, WorkshopListQuery.PageSize);
        var records = await Task.WhenAll(late.Page.Items.Select(w => workshops.GetAsync(w.Id)));
        return records.OfType<WorkshopRecord>()
            .SelectMany(w => w.Pending.Where(p => p.DueAt < now).Select(p => new OverdueRequest(w.Id, w.Title, p)))
            .OrderBy(r => r.Request.DueAt)
            .ToList();
    }

    private static IResult InvalidQuery(InvalidParameter error) =>
        Pages.Message(StatusCodes.Status400BadRequest, "Invalid query", "查询无效",
            $"The query parameter '{error.Name}' is wrong: {error.Reason}", $"查询参数“{error.Name}”有误：{error.ReasonZh}");
}
