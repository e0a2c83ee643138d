using Approvals.Http;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approvals.Reports;

/// <summary>The donor's reports: one workshop's participants (<c>GET /api/workshops/{id}/participants.csv|.xlsx</c>,
/// the CSV summary with <c>?summary=true</c>) and the officials reached and trained over a period
/// (<c>GET /api/reports/participants</c>). Both hosts call these.</summary>
public sealed class ReportsApi(WorkshopStore workshops, ParticipantStore participants, DirectoryStore directory)
{
    public const string SummaryParameter = "summary";

    /// <summary>A workshop has a list of participants from publication on.</summary>
    private static readonly Stage[] Reported = [Stage.Published, Stage.Held];

    public async Task<Results<PushStreamHttpResult, ProblemHttpResult>> WorkshopCsvAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var summary = http.Request.Query[SummaryParameter].ToString();
        if (summary is not ("" or "true" or "false"))
        {
            return Problems.Field(StatusCodes.Status400BadRequest, SummaryParameter, "Must be true or false.", "Invalid query.");
        }

        var (tables, problem) = await WorkshopTablesAsync(id);
        if (problem is not null) return problem;
        var table = summary == "true" ? tables![1] : tables![0];
        var name = summary == "true" ? $"participants-{id}-summary.csv" : $"participants-{id}.csv";
        return TypedResults.Stream(body => table.WriteCsvAsync(body, http.RequestAborted), Audit.AuditCsv.ContentType, name);
    }

    public async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkshopXlsxAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (tables, problem) = await WorkshopTablesAsync(id);
        if (problem is not null) return problem;
        return TypedResults.File(await ReportTable.XlsxAsync(tables!, http.RequestAborted), ReportTable.XlsxContentType, $"participants-{id}.xlsx");
    }

    public async Task<Results<PushStreamHttpResult, FileContentHttpResult, ProblemHttpResult>> ProgrammeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (query, error) = ReportQuery.Read(http.Request.Query);
        if (query is null) return Problems.Field(StatusCodes.Status400BadRequest, error!.Name, error.Reason, "Invalid query.");
        var directoryTask = directory.LoadAsync();
        var inRange = await InRangeAsync(query.From, query.To);
        var officials = ProgrammeReport.Officials(inRange, await directoryTask);
        if (query.Format == ReportFormat.Csv)
        {
            return TypedResults.Stream(body => officials.WriteCsvAsync(body, http.RequestAborted), Audit.AuditCsv.ContentType, query.FileName());
        }

        var workbook = await ReportTable.XlsxAsync([officials, ProgrammeReport.Workshops(inRange)], http.RequestAborted);
        return TypedResults.File(workbook, ReportTable.XlsxContentType, query.FileName());
    }

    private async Task<(IReadOnlyList<ReportTable>? Tables, ProblemHttpResult? Problem)> WorkshopTablesAsync(string id)
    {
        if (await workshops.GetAsync(id) is not { } workshop) return (null, Problems.NotFound($"No workshop with id '{id}'."));
        if (!Reported.Contains(workshop.Stage))
        {
            return (null, Problems.Conflict($"The workshop is {workshop.Stage}; a workshop has participants once it is published."));
        }

        var rosterTask = participants.ListAsync(id);
        var directoryTask = directory.LoadAsync();
        await Task.WhenAll(rosterTask, directoryTask);
        return ([WorkshopReport.Participants(rosterTask.Result, directoryTask.Result), WorkshopReport.Summary(rosterTask.Result, directoryTask.Result)], null);
    }

    /// <summary>The published and held workshops that start in the period, earliest first, each with its list.</summary>
    private async Task<IReadOnlyList<ReportedWorkshop>> InRangeAsync(DateOnly from, DateOnly to)
    {
        var found = new List<WorkshopRecord>();
        foreach (var stage in Reported)
        {
            string? token = null;
            do
            {
                var listing = await workshops.ListAsync(new WorkshopFilter(stage), token, WorkshopListQuery.PageSize);
                var records = await Task.WhenAll(listing.Page.Items.Select(w => workshops.GetAsync(w.Id)));
                found.AddRange(records.OfType<WorkshopRecord>().Where(w => w.Stage == stage && w.Proposal.StartDate >= from && w.Proposal.StartDate <= to));
                token = listing.Page.ContinuationToken;
            }
            while (token is not null);
        }

        var ordered = found.DistinctBy(w => w.Id).OrderBy(w => w.Proposal.StartDate).ThenBy(w => w.Id, StringComparer.Ordinal).ToList();
        var rosters = await Task.WhenAll(ordered.Select(w => participants.ListAsync(w.Id)));
        return ordered.Select((w, i) => new ReportedWorkshop(w, rosters[i])).ToList();
    }
}
