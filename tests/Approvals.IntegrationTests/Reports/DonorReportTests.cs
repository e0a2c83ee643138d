using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Participants;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Reports;
using Approvals.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Reports;

/// <summary>The donor's reports, opened with the libraries a spreadsheet user's tools stand for (CsvHelper, MiniExcel),
/// every number checked against the workshops' lists.</summary>
[Collection(SharedServer.AfterPublication)]
public sealed class DonorReportTests(AppServer server)
{
    private static readonly string[] Sexes = ["Female", "Male", "Undisclosed"];

    [Fact]
    public async Task OneWorkshopsListAndSummaryAndThePeriodsOfficialsReachedAndTrainedAddUp()
    {
        var day = HeldWorkshop.PastDay();
        var heldTask = HeldWorkshop.PublishedAndOverAsync(server, day);
        var (other, _) = await HeldWorkshop.PublishedAndOverAsync(server, day);
        var (id, roster) = await heldTask;
        var li = roster.Single(p => p.Person.Name == "Li Wei");
        var sun = roster.Single(p => p.Person.Name == "Sun Li");
        var wang = Participant.Invite(id, "SAFEA", new Nominee("Wang Fang", "王芳", "Deputy Director", Sex.Male, $"wang.fang.{id}@safea.example.cn"), DateTimeOffset.UtcNow, replaces: sun.Id);
        await using (var services = LibraryServices.Build())
        {
            // SAFEA replaced Sun Li by Wang Fang, and Li Wei said she would come.
            await services.GetRequiredService<ParticipantStore>().SaveAsync(id,
                [sun with { Status = ParticipantStatus.Withdrawn, ReplacedBy = wang.Id }, wang, li with { Answer = ParticipantAnswer.Attending }]);
        }

        HeldWorkshop.IsOk(await HeldWorkshop.RecordAsync(server, id, new[] { li.Id, wang.Person.Email }), string.Empty);
        var people = await HeldWorkshop.RosterAsync(id);
        Assert.Equal(4, people.Count);

        var list = await ReportFiles.CsvAsync(server.Http, $"api/workshops/{id}/participants.csv", WorkshopReport.ParticipantsHeader);
        Assert.Equal(people.Select(p => p.Person.Email).Order(), list.Select(r => r["Email"]).Order());
        foreach (var p in people)
        {
            var row = list.Single(r => r["Email"] == p.Person.Email);
            Assert.Equal((p.Person.Name, p.Person.NameZh ?? string.Empty, p.Person.Position, p.Ministry, p.Person.Sex.ToString()),
                (row["Name"], row["Chinese name"], row["Position"], row["Ministry"], row["Sex"]));
            Assert.Equal(p.Ministry == "MFA" ? ("Ministry of Foreign Affairs", "外交部") : ("State Administration for Foreign Expert Affairs", "国家外国专家局"),
                (row["Ministry (EN)"], row["Ministry (ZH)"]));
            Assert.Equal((YesNo(p.IsInvited), YesNo(p.IsInvited && p.Answer == ParticipantAnswer.Attending), p.IsInvited ? YesNo(p.Attended == true) : string.Empty),
                (row["Invited"], row["Confirmed"], row["Attended"]));
        }

        Assert.Equal(($"Wang Fang <{wang.Person.Email}>", string.Empty), (list.Single(r => r["Name"] == "Sun Li")["Replaced by"], list.Single(r => r["Name"] == "Sun Li")["Replaces"]));
        Assert.Equal($"Sun Li <{sun.Person.Email}>", list.Single(r => r["Name"] == "Wang Fang")["Replaces"]);

        var summary = await ReportFiles.CsvAsync(server.Http, $"api/workshops/{id}/participants.csv?summary=true", WorkshopReport.SummaryHeader);
        var expected = ExpectedSummary(people);
        Assert.Equal(expected, summary.Select(r => (r["Ministry"], r["Sex"], r["Invited"], r["Confirmed"], r["Attended"])).ToList());
        Assert.Equal(("1", "2"), (summary[^1]["Confirmed"], summary[^1]["Attended"]));

        var workbook = await ReportFiles.XlsxAsync(server.Http, $"api/workshops/{id}/participants.xlsx");
        Assert.Equal([WorkshopReport.ParticipantsSheet, WorkshopReport.SummarySheet], workbook.Select(s => s.Sheet));
        Assert.Equal(list.Select(r => (r["Email"], r["Name"], r["Invited"], r["Attended"], r["Replaces"])), workbook[0].Rows.Select(r => (r["Email"], r["Name"], r["Invited"], r["Attended"], r["Replaces"])));
        Assert.Equal(expected, workbook[1].Rows.Select(r => (r["Ministry"], r["Sex"], r["Invited"], r["Confirmed"], r["Attended"])).ToList());

        // The period: both workshops of that day; officials of the other one are reached, none of them trained yet.
        var both = people.Where(p => p.IsInvited).Concat((await HeldWorkshop.RosterAsync(other)).Where(p => p.IsInvited)).ToList();
        var officials = await ReportFiles.CsvAsync(server.Http, $"api/reports/participants?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", ProgrammeReport.OfficialsHeader);
        var expectedOfficials = both.Select(p => p.Ministry).Distinct().Order(StringComparer.Ordinal)
            .SelectMany(m => Sexes.Select(s => (m, s, both.Where(p => p.Ministry == m && p.Person.Sex.ToString() == s).ToList())))
            .Append(("Total", "Total", both))
            .Select(g => (g.Item1, g.Item2, Number(g.Item3.Count), Number(g.Item3.Count(p => p.Attended == true))))
            .ToList();
        Assert.Equal(expectedOfficials, officials.Select(r => (r["Institution"], r["Sex"], r["Officials reached"], r["Officials trained"])).ToList());
        Assert.Equal(("6", "2"), (officials[^1]["Officials reached"], officials[^1]["Officials trained"]));

        var period = await ReportFiles.XlsxAsync(server.Http, $"api/reports/participants?from={day.AddDays(-1):yyyy-MM-dd}&to={day:yyyy-MM-dd}&format=xlsx");
        Assert.Equal([ProgrammeReport.OfficialsSheet, ProgrammeReport.WorkshopsSheet], period.Select(s => s.Sheet));
        Assert.Equal(officials.Select(r => (r["Institution"], r["Sex"], r["Officials reached"], r["Officials trained"])),
            period[0].Rows.Select(r => (r["Institution"], r["Sex"], r["Officials reached"], r["Officials trained"])));
        Assert.Equal([(id, "Held", "3", "2"), (other, "Published", "3", "0")],
            period[1].Rows.Select(r => (r["Workshop"], r["Stage"], r["Invited"], r["Attended"])).OrderBy(r => r.Item2 == "Held" ? 0 : 1));

        var none = await ReportFiles.CsvAsync(server.Http, $"api/reports/participants?from={day.AddDays(1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}", ProgrammeReport.OfficialsHeader);
        Assert.Equal(("Total", "0", "0"), (Assert.Single(none)["Institution"], none[0]["Officials reached"], none[0]["Officials trained"]));
    }

    [Theory]
    [InlineData("to=2026-01-31", "from", "Required")]
    [InlineData("from=2026-02-30&to=2026-03-01", "from", "is not a date")]
    [InlineData("from=2026-03-01&to=2026-02-01", "to", "on or after from")]
    [InlineData("from=2026-03-01&to=2026-03-31&format=pdf", "format", "use csv or xlsx")]
    [InlineData("from=2000-01-01&to=2026-03-31", "to", "at most")]
    public async Task ABadPeriodIsAProblemNamingTheParameter(string query, string parameter, string reason)
    {
        var response = await server.Http.GetAsync($"api/reports/participants?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, AppServer.Problem(await response.Content.ReadAsStringAsync()).GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task AWorkshopReportOfAnUnknownWorkshopOrWithABadSummaryIsAProblem()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("api/workshops/ws-00000000-nothing/participants.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("api/workshops/ws-00000000-nothing/participants.csv")).StatusCode);
        var bad = await server.Http.GetAsync("api/workshops/ws-00000000-nothing/participants.csv?summary=yes");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(AppServer.Problem(await bad.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("summary", out _));
    }

    private static List<(string, string, string, string, string)> ExpectedSummary(IReadOnlyList<Participant> people)
    {
        var invited = people.Where(p => p.IsInvited).ToList();
        return invited.Select(p => p.Ministry).Distinct().Order(StringComparer.Ordinal)
            .SelectMany(m => Sexes.Select(s => (m, s, invited.Where(p => p.Ministry == m && p.Person.Sex.ToString() == s).ToList())))
            .Append(("Total", "Total", invited))
            .Select(g => (g.Item1, g.Item2, Number(g.Item3.Count), Number(g.Item3.Count(p => p.Answer == ParticipantAnswer.Attending)), Number(g.Item3.Count(p => p.Attended == true))))
            .ToList();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
