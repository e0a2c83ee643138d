using Approvals.Http;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approvals.Audit;

/// <summary>The audit trail as CSV downloads: one workshop's, or every workshop's within a time range. Both hosts call these.</summary>
public sealed class AuditExport(AuditLog audit, WorkshopStore workshops, TimeProvider time)
{
    public async Task<Results<PushStreamHttpResult, ProblemHttpResult>> WorkshopAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await workshops.GetAsync(id) is null) return Problems.NotFound($"No workshop with id '{id}'.");
        var entries = await audit.ListAsync(id);
        return Download(http, entries.Select(e => (id, e)).ToAsyncEnumerable(), $"audit-{id}.csv");
    }

    public Results<PushStreamHttpResult, ProblemHttpResult> Range(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (range, error) = AuditRange.Read(http.Request.Query, time.GetUtcNow());
        if (range is null) return Problems.Field(StatusCodes.Status400BadRequest, error!.Name, error.Reason, "Invalid query.");
        return Download(http, audit.ListAsync(range.From, range.To, http.RequestAborted), range.FileName());
    }

    private static PushStreamHttpResult Download(HttpContext http, IAsyncEnumerable<(string, AuditEntry)> lines, string fileName) =>
        TypedResults.Stream(body => AuditCsv.WriteAsync(body, lines, http.RequestAborted), AuditCsv.ContentType, fileName);
}
