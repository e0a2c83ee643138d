using Approvals.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Http;

/// <summary>The donor's reports as CSV and XLSX, for staff (Function keys), and a workshop's files for the links of its
/// dashboard page (anonymous to the host: the page's key is checked by the application, as for the page).</summary>
public sealed class ReportFunctions(ReportsApi api, ReportDownloads downloads)
{
    [Function(nameof(ExportWorkshopParticipantsCsv))]
    public Task<IActionResult> ExportWorkshopParticipantsCsv(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workshops/{id}/participants.csv")] HttpRequest req, string id) =>
        Adapted.From(api.WorkshopCsvAsync(req.HttpContext, id));

    [Function(nameof(ExportWorkshopParticipantsXlsx))]
    public Task<IActionResult> ExportWorkshopParticipantsXlsx(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workshops/{id}/participants.xlsx")] HttpRequest req, string id) =>
        Adapted.From(api.WorkshopXlsxAsync(req.HttpContext, id));

    [Function(nameof(ExportProgrammeParticipants))]
    public Task<IActionResult> ExportProgrammeParticipants([HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/participants")] HttpRequest req) =>
        Adapted.From(api.ProgrammeAsync(req.HttpContext));

    [Function(nameof(DownloadWorkshopParticipantsCsv))]
    public Task<IActionResult> DownloadWorkshopParticipantsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workshops/{id}/participants.csv")] HttpRequest req, string id) =>
        Adapted.From(downloads.CsvAsync(req.HttpContext, id));

    [Function(nameof(DownloadWorkshopParticipantsXlsx))]
    public Task<IActionResult> DownloadWorkshopParticipantsXlsx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workshops/{id}/participants.xlsx")] HttpRequest req, string id) =>
        Adapted.From(downloads.XlsxAsync(req.HttpContext, id));
}
