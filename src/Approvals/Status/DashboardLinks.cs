using System.Globalization;
using Approvals.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Approvals.Status;

/// <summary>The dashboard's own addresses. None carries the key: the browser sends it by HTTP Basic on every click.</summary>
public static class DashboardLinks
{
    public const string Dashboard = "/api/dashboard";

    public static string Workshop(string id) => $"{Dashboard}/workshops/{Uri.EscapeDataString(id)}";

    public static string AuditCsv(string id) => $"{Workshop(id)}/audit.csv";

    public static string StatusJson(string id) => $"{Workshop(id)}/status.json";

    /// <summary>The list with this filter, in the query parameters <see cref="WorkshopListQuery"/> reads.</summary>
    public static string List(WorkshopFilter filter, string? continuationToken = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [WorkshopListQuery.StageParameter] = filter.Stage?.ToString(),
            [WorkshopListQuery.OverdueParameter] = filter.OverdueOnly ? "true" : null,
            [WorkshopListQuery.StuckParameter] = filter.StuckOnly ? "true" : null,
            [WorkshopListQuery.FromParameter] = Day(filter.From),
            [WorkshopListQuery.ToParameter] = Day(filter.To),
            [WorkshopListQuery.TextParameter] = filter.Text,
            [WorkshopListQuery.TokenParameter] = continuationToken,
        };
        return QueryHelpers.AddQueryString(Dashboard, query.Where(p => p.Value is not null));
    }

    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
