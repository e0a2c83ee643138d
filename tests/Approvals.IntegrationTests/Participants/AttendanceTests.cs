using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Approvals.IntegrationTests.Events;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Participants;

/// <summary>Staff record who came once the last day is over; the workshop is then Held and its status counts who attended.</summary>
[Collection(SharedServer.AfterPublication)]
public sealed class AttendanceTests(AppServer server)
{
    [Fact]
    public async Task AttendanceIsRefusedBeforeTheEndAndForUnknownOrWithdrawnPeopleThenRecordedAndReplaced()
    {
        var publishing = PublishedWorkshop.PublishAsync(server);
        var overTask = HeldWorkshop.PublishedAndOverAsync(server, HeldWorkshop.PastDay());
        var (id, _) = await publishing;
        var early = await HeldWorkshop.RecordAsync(server, id, new[] { $"li.wei.{id}@mfa.example.cn" });
        var earlyBody = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not over yet", AppServer.Problem(earlyBody).GetProperty("errors").GetProperty("endDate")[0].GetString());
        Assert.Equal(Stage.Published, (await server.StatusAsync(id)).Stage);

        var (over, roster) = await overTask;
        var li = roster.Single(p => p.Person.Name == "Li Wei");
        var zhao = roster.Single(p => p.Person.Name == "Zhao Min");
        var sun = roster.Single(p => p.Person.Name == "Sun Li");

        var unknown = await HeldWorkshop.RecordAsync(server, over, new[] { li.Id, "nobody@example.cn" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = AppServer.Problem(await unknown.Content.ReadAsStringAsync()).GetProperty("errors");
        Assert.Contains("'nobody@example.cn' is not a participant", errors.GetProperty("attended[1]")[0].GetString());
        Assert.False(errors.TryGetProperty("attended[0]", out _));

        await HeldWorkshop.WithdrawAsync(over, sun);
        var withdrawn = await HeldWorkshop.RecordAsync(server, over, new { attended = new[] { sun.Person.Email }, recordedBy = "Chen Jing" });
        Assert.Equal(HttpStatusCode.BadRequest, withdrawn.StatusCode);
        Assert.Contains("was withdrawn", AppServer.Problem(await withdrawn.Content.ReadAsStringAsync()).GetProperty("errors").GetProperty("attended[0]")[0].GetString());
        Assert.Equal(Stage.Published, (await server.StatusAsync(over)).Stage);
        Assert.Null((await server.StatusAsync(over)).Attendance);
        Assert.All(await HeldWorkshop.RosterAsync(over), p => Assert.Null(p.Attended));

        // By address in another case, and by id.
        var recorded = await HeldWorkshop.RecordAsync(server, over, new { attended = new[] { li.Person.Email.ToUpperInvariant(), zhao.Id }, recordedBy = "Chen Jing" });
        HeldWorkshop.IsOk(recorded, await recorded.Content.ReadAsStringAsync());
        var held = await server.StatusAsync(over);
        Assert.Equal(Stage.Held, held.Stage);
        Assert.Equal((2, 2), (held.Attendance!.Invited, held.Attendance.Total));
        Assert.Equal(new Dictionary<string, int> { ["MFA"] = 1, ["SAFEA"] = 1 }, held.Attendance.ByMinistry);
        Assert.Equal(new Dictionary<string, int> { ["female"] = 2, ["male"] = 0, ["undisclosed"] = 0 }, held.Attendance.BySex);
        var line = Assert.Single(held.History, h => h.Action == AuditActions.AttendanceRecorded);
        Assert.Equal((Stage.Held, "Chen Jing", "2 of 2 attended (2 female)"), (line.Stage, line.Actor, line.Comment));

        // Again: the new record replaces the one before.
        var again = await HeldWorkshop.RecordAsync(server, over, new[] { li.Id });
        HeldWorkshop.IsOk(again, await again.Content.ReadAsStringAsync());
        var after = await server.StatusAsync(over);
        Assert.Equal((Stage.Held, 1), (after.Stage, after.Attendance!.Total));
        Assert.Equal(new Dictionary<string, int> { ["MFA"] = 1, ["SAFEA"] = 0 }, after.Attendance.ByMinistry);
        var people = await HeldWorkshop.RosterAsync(over);
        Assert.Equal([true, false, null], [people.Single(p => p.Id == li.Id).Attended, people.Single(p => p.Id == zhao.Id).Attended, people.Single(p => p.Id == sun.Id).Attended]);

        // A workshop that took place is not cancelled or moved afterwards.
        var cancel = await server.Http.PostAsJsonAsync($"api/workshops/{over}/cancel", new { reason = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        var postpone = await server.Http.PostAsJsonAsync($"api/workshops/{over}/postpone", new { startDate = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), endDate = DateTime.UtcNow.AddDays(31).ToString("yyyy-MM-dd"), reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, postpone.StatusCode);
        Assert.Equal(Stage.Held, (await server.StatusAsync(over)).Stage);
        Assert.Contains(over, (await server.Http.GetFromJsonAsync<JsonElement>("api/workshops?stage=Held")).GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TheStaffPageTicksWhoCameAndRefusesAFormFromAnotherSite()
    {
        var (id, roster) = await HeldWorkshop.PublishedAndOverAsync(server, HeldWorkshop.PastDay());
        var page = $"api/dashboard/workshops/{id}/attendance";
        var shown = await server.Http.GetStringAsync(page);
        Assert.Equal(3, CountOf(shown, "type=\"checkbox\""));
        Assert.Contains("Ministry of Foreign Affairs", shown);
        Assert.Contains("出席人员", shown);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, page) { Content = Form(roster[0].Id) };
        crossSite.Headers.Add("Origin", "https://elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.SendAsync(crossSite)).StatusCode);
        using var fromAnotherTab = new HttpRequestMessage(HttpMethod.Post, page) { Content = Form(roster[0].Id) };
        fromAnotherTab.Headers.Add("Sec-Fetch-Site", "cross-site");
        fromAnotherTab.Headers.Add("Origin", "null");
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.SendAsync(fromAnotherTab)).StatusCode);
        Assert.Equal(Stage.Published, (await server.StatusAsync(id)).Stage);

        var saved = await server.Http.PostAsync(page, Form(roster[0].Id, roster[2].Id));
        var html = await saved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("2 of 3 invited participants attended", html);
        Assert.Equal(2, CountOf(html, "checked"));
        var status = await server.StatusAsync(id);
        Assert.Equal((Stage.Held, 2), (status.Stage, status.Attendance!.Total));
        Assert.Equal("Ms Chen", status.History.Single(h => h.Action == AuditActions.AttendanceRecorded).Actor);

        // The workshop's dashboard page shows it Held, with who came, and hands out its files by the page's own key.
        using var browser = new HttpClient { BaseAddress = server.Process.BaseAddress };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"li.na:{AppServer.ApiKey}")));
        var overview = WebUtility.HtmlDecode(await browser.GetStringAsync($"api/dashboard/workshops/{id}"));
        Assert.Contains("Held / 已举办", overview);
        Assert.Contains("Attended / 出席 (2 / 3)", overview);
        var xlsx = await browser.GetAsync($"api/dashboard/workshops/{id}/participants.xlsx");
        Assert.Equal((HttpStatusCode.OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (xlsx.StatusCode, xlsx.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"api/dashboard/workshops/{id}/participants.csv")).StatusCode);
        using var keyless = new HttpClient { BaseAddress = server.Process.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.GetAsync($"api/dashboard/workshops/{id}/participants.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.PostAsync(page, Form(roster[1].Id))).StatusCode);
    }

    private static FormUrlEncodedContent Form(params string[] ids) =>
        new(ids.Select(i => KeyValuePair.Create("attended", i)).Append(KeyValuePair.Create("recordedBy", "Ms Chen")));

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
