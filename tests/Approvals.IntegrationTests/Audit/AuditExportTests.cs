using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Audit;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Audit;

/// <summary>Staff download a workshop's audit trail, or every workshop's for a period, and open it in Excel.</summary>
[Collection(SharedServer.Links)]
public sealed class AuditExportTests(AppServer server)
{
    const string Manager = "project.manager@iom.example.org";
    const string ChineseComment = "同意。请按\"附件二\"执行预算，谢谢！\n第二行：培训地点待定";
    const string FormulaReason = "=HYPERLINK(\"http://example.org\",\"click\")";
    const string Browser = "AuditExportTests/1.0";

    /// <summary>A workshop approved with a Chinese comment (quotes, comma and a line break in it) by a click on the
    /// mailed link, then cancelled with a reason a spreadsheet would run as a formula.</summary>
    async Task<string> DecidedAndCancelledAsync()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var token = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager);
        using var click = new HttpRequestMessage(HttpMethod.Post, $"api/decisions/{token}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = ChineseComment }),
        };
        click.Headers.UserAgent.ParseAdd(Browser);
        (await server.Http.SendAsync(click)).EnsureSuccessStatusCode();
        await server.WaitForStageAsync(id, Stage.Nominations);
        var cancel = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new JsonObject { ["reason"] = FormulaReason });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await server.WaitForStageAsync(id, Stage.Cancelled);
        return id;
    }

    [Fact]
    public async Task AWorkshopsExportHasItsWholeHistoryWithTheChineseCommentIntactAndABom()
    {
        var id = await DecidedAndCancelledAsync();
        var history = (await server.StatusAsync(id)).History;

        using var response = await server.Http.GetAsync($"api/workshops/{id}/audit.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"audit-{id}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(AuditCsvFile.Utf8Bom, bytes[..3]);
        var csv = await AuditCsvFile.ReadAsync(bytes);
        Assert.Equal(AuditCsv.Header, csv.Header);
        Assert.Equal(history.Count, csv.Rows.Count);
        foreach (var (line, row) in history.Zip(csv.Rows))
        {
            Assert.Equal((id, line.Actor, AuditCsv.When(line.At), line.Stage.ToString(), line.Action),
                (row["Workshop"], row["Who"], row["When (UTC)"], row["Stage"], row["Action"]));
        }

        var click = Assert.Single(csv.Rows, r => r["Action"] == AuditActions.DecisionApprove);
        Assert.Equal(history.Single(h => h.Action == AuditActions.DecisionApprove).Comment, click["Comment"]);
        Assert.Contains("请按\"附件二\"执行预算", click["Comment"], StringComparison.Ordinal);
        Assert.Contains("培训地点待定", click["Comment"], StringComparison.Ordinal);
        Assert.Equal((Manager, "link", Browser), (click["Who"], click["Channel"], click["User agent"]));
        Assert.NotEmpty(click["Token id"]);
        Assert.NotEmpty(click["Client IP"]);
        Assert.Contains(csv.Rows, r => r["Action"] == AuditActions.Approved && r["Comment"] == click["Comment"]);

        // Excel shows the reason as text instead of running it.
        var cancelled = Assert.Single(csv.Rows, r => r["Action"] == AuditActions.Cancelled);
        Assert.Equal("'" + FormulaReason, cancelled["Comment"]);
    }

    [Fact]
    public async Task ThePeriodExportHasTheWorkshopsRowsInTheSameColumns()
    {
        var id = await DecidedAndCancelledAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var own = await AuditCsvFile.ReadAsync(await server.Http.GetByteArrayAsync($"api/workshops/{id}/audit.csv"));

        using var response = await server.Http.GetAsync($"api/audit.csv?from={today}&to={today}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"audit-{today}-to-{today}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(AuditCsvFile.Utf8Bom, bytes[..3]);
        var period = await AuditCsvFile.ReadAsync(bytes);
        Assert.Equal(AuditCsv.Header, period.Header);
        var rows = period.Rows.Where(r => r["Workshop"] == id).ToList();
        Assert.Equal(own.Rows.Select(r => string.Join('|', r.Values)), rows.Select(r => string.Join('|', r.Values)));
        var times = period.Rows.Select(r => r["When (UTC)"]).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-01T08:00:00", "from")]
    [InlineData("from=2026-11-01T08:00:00 08:00", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-11-02&to=2026-11-01", "to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "to")]
    public async Task ABadRangeIsAProblemNamingTheField(string query, string field)
    {
        using var response = await server.Http.GetAsync($"api/audit.csv?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = AppServer.Problem(await response.Content.ReadAsStringAsync());
        var reason = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public async Task AnUnknownWorkshopIsNotFound()
    {
        using var response = await server.Http.GetAsync("api/workshops/0123456789abcdef0123456789abcdef/audit.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
