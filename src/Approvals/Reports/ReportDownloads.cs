using Approvals.Status;
using Microsoft.AspNetCore.Http;

namespace Approvals.Reports;

/// <summary>A workshop's participant files under the dashboard's routes, for the links on its page: checked by the key
/// the browser already sends the dashboard by HTTP Basic (the staff API's routes need a function key in the Functions
/// host, which a browser following a link does not send).</summary>
public sealed class ReportDownloads(DashboardPage dashboard, ReportsApi api)
{
    public static string Csv(string id) => $"{DashboardLinks.Workshop(id)}/participants.csv";

    public static string Xlsx(string id) => $"{DashboardLinks.Workshop(id)}/participants.xlsx";

    public static string Attendance(string id) => $"{DashboardLinks.Workshop(id)}/attendance";

    public async Task<IResult> CsvAsync(HttpContext http, string id) => dashboard.Refusal(http) ?? await api.WorkshopCsvAsync(http, id);

    public async Task<IResult> XlsxAsync(HttpContext http, string id) => dashboard.Refusal(http) ?? await api.WorkshopXlsxAsync(http, id);
}
