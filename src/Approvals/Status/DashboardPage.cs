using System.Globalization;
using System.Text;
using Approvals.Http;
using Approvals.Notifications;
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
        var reading = WorkshopListQuery.Read(http.Request.Query);
        if (reading.Query is not { } query) return InvalidQuery(reading.Error!);
        var stage = query.Stage;
        var overdue = query.OverdueOnly;
        var code = http.Request.Query["code"].ToString();
        var listing = await workshops.ListAsync(stage, overdue, query.ContinuationToken, WorkshopListQuery.PageSize);
        if (listing.TokenRejected) return InvalidQuery(WorkshopListQuery.RejectedToken);
        var page = listing.Page;

        string Link(string path, params (string Key, string? Value)[] parameters)
        {
            var all = parameters.Append(("code", code.Length == 0 ? null : code)).Where(p => p.Item2 is not null).ToList();
            return all.Count == 0 ? path : $"{path}?{string.Join("&", all.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"))}";
        }

        var now = time.GetUtcNow();
        var sb = new StringBuilder("<h1>Workshops / 研讨会</h1><p>");
        sb.Append("<a href=\"").Append(Html.E(Link("/api/dashboard"))).Append("\">All</a>");
        foreach (var name in Enum.GetValues<Stage>())
        {
            sb.Append(" · <a href=\"").Append(Html.E(Link("/api/dashboard", ("stage", name.ToString())))).Append("\">").Append(name).Append("</a>");
        }

        sb.Append(" · <a href=\"").Append(Html.E(Link("/api/dashboard", ("overdue", "true")))).Append("\">Overdue</a></p>");
        sb.Append("<div class=\"card\"><p class=\"muted\">").Append(stage?.ToString() ?? "All stages").Append(overdue ? ", overdue only" : string.Empty)
          .Append(" — times in China Standard Time (UTC+8)</p><table><tr><th>Workshop</th><th>Stage</th><th>Next deadline</th><th>Submitted</th></tr>");
        foreach (var w in page.Items)
        {
            var late = w.NextDueAt is { } due && due < now;
            sb.Append("<tr><td><a href=\"").Append(Html.E(Link($"/api/workshops/{w.Id}"))).Append("\">").Append(Html.E(w.Title)).Append("</a><br><span class=\"muted\">")
              .Append(Html.E(w.Id)).Append("</span></td><td>").Append(w.Stage).Append("</td><td").Append(late ? " class=\"error\"" : string.Empty).Append('>')
              .Append(w.NextDueAt is { } d ? Cst(d) + (late ? " — overdue" : string.Empty) : "—").Append("</td><td>").Append(Cst(w.SubmittedAt)).Append("</td></tr>");
        }

        if (page.Items.Count == 0) sb.Append("<tr><td colspan=\"4\">No workshops here. / 暂无研讨会。</td></tr>");
        sb.Append("</table>");
        if (page.ContinuationToken is { } next)
        {
            sb.Append("<p><a href=\"").Append(Html.E(Link("/api/dashboard", ("stage", stage?.ToString()), ("overdue", overdue ? "true" : null), ("continuationToken", next))))
              .Append("\">Older workshops →</a></p>");
        }

        sb.Append("</div>");
        return Html.Page("Workshops", sb.ToString());
    }

    private static IResult InvalidQuery(InvalidParameter error) =>
        Html.Message(StatusCodes.Status400BadRequest, "Invalid query", "查询无效",
            $"The query parameter '{error.Name}' is wrong: {error.Reason}", $"查询参数“{error.Name}”有误：{error.ReasonZh}");

    private static string Cst(DateTimeOffset at) =>
        ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
