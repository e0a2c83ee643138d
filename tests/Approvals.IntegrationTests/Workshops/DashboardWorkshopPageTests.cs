using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Workshops;

[Collection(SharedServer.Workshops)]
public sealed class DashboardWorkshopPageTests(AppServer server)
{
    private const string Manager = "project.manager@iom.example.org";

    private HttpClient Browser(string? password = AppServer.ApiKey)
    {
        var browser = new HttpClient { BaseAddress = server.Process.BaseAddress };
        if (password is not null)
        {
            browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"li.na:{password}")));
        }

        return browser;
    }

    [Fact]
    public async Task AManagerSeesTheTimelineWhoIsAwaitedTheNominationsAsBarsTheHistoryAndTheDownloads()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var client = server.Process.DurableClient;
        await client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, "Go ahead", null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.Nominations);
        await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(new Slate("MFA",
            [
                new Nominee("Wang Fang", "王芳", "Director", Sex.Female, "wang.fang@mfa.example.cn"),
                new Nominee("Li Wei", "李伟", "Director", Sex.Female, "li.wei@mfa.example.cn"),
                new Nominee("Chen Bo", "陈波", "Director", Sex.Male, "chen.bo@mfa.example.cn"),
            ], false, "focal.mfa@gov.example.cn", DateTimeOffset.UtcNow), null));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Nominations.Total: 3 } s && s.Pending.All(p => p.Party != "MFA"));

        using var browser = Browser();
        using var response = await browser.GetAsync($"api/dashboard/workshops/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);

        var charts = page.QuerySelectorAll("svg.chart");
        Assert.Equal(3, charts.Length);
        var timeline = charts[0].QuerySelectorAll("text.label").Select(t => t.TextContent).ToList();
        Assert.Equal(["Internal review / 内部审核", "Ministry nominations / 部委提名", "EU donor sign-off / 欧盟捐助方审批", "Published / 已发布"], timeline);
        Assert.Equal(["done", "current", "ahead", "ahead"], charts[0].QuerySelectorAll("circle").Select(c => c.ClassName));
        Assert.StartsWith("since ", charts[0].QuerySelectorAll("text.note")[1].TextContent, StringComparison.Ordinal);

        var ministries = charts[1].QuerySelectorAll("g").Select(g => (g.QuerySelector("text.label")!.TextContent, g.QuerySelector("text.note")!.TextContent)).ToList();
        Assert.Equal(8, ministries.Count);
        Assert.Equal(("MFA", "3"), ministries[0]);
        Assert.Equal(("MOFCOM", "0"), ministries.Single(m => m.Item1 == "MOFCOM"));
        var bars = charts[1].QuerySelectorAll("rect").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(bars[0] > 0 && bars.Skip(1).All(w => w == 0), string.Join(", ", bars));
        var sexes = charts[2].QuerySelectorAll("g").Select(g => (g.QuerySelector("text.label")!.TextContent, g.QuerySelector("text.note")!.TextContent)).ToList();
        Assert.Equal([("Female / 女", "2"), ("Male / 男", "1"), ("Not said / 未说明", "0")], sexes);

        var text = page.Body!.TextContent;
        Assert.Contains("Ministry focal point / 部委联络人: PFAO", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ministry focal point / 部委联络人: MFA", text, StringComparison.Ordinal);
        Assert.Contains("left / 剩余", text, StringComparison.Ordinal);
        Assert.Contains($"Approved — {Manager}", text, StringComparison.Ordinal);
        Assert.Contains("Go ahead", page.QuerySelectorAll("q").Select(q => q.TextContent));
        var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains($"/api/dashboard/workshops/{id}/audit.csv", links);
        Assert.Contains($"/api/dashboard/workshops/{id}/status.json", links);
        Assert.Contains("/api/dashboard", links);
        Assert.DoesNotContain("code=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(AppServer.ApiKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(">InternalReview<", html, StringComparison.Ordinal);

        // The downloads open with the key the browser already sends, like every other link on the page.
        using var csv = await browser.GetAsync($"api/dashboard/workshops/{id}/audit.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains(Manager, await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var json = await browser.GetAsync($"api/dashboard/workshops/{id}/status.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Contains($"\"id\":\"{id}\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = Browser(password: null);
        using var refused = await anonymous.GetAsync($"api/dashboard/workshops/{id}/audit.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task WithoutTheKeyOrForAWorkshopThatIsNotThereTheAnswerIsABilingualPage()
    {
        var (id, _) = await server.SubmitAsync();
        using var anonymous = Browser(password: null);
        using var wrong = Browser("guess-the-key");
        using var staff = Browser();

        using var withoutKey = await anonymous.GetAsync($"api/dashboard/workshops/{id}");
        using var wrongKey = await wrong.GetAsync($"api/dashboard/workshops/{id}");
        using var missing = await staff.GetAsync("api/dashboard/workshops/ws-20270101-doesnotexist");
        using var odd = await staff.GetAsync("api/dashboard/workshops/%3Cscript%3E");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal("Basic realm=\"Approvals staff\", charset=\"UTF-8\"", withoutKey.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.DoesNotContain(id, await withoutKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
        var text = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("There is no workshop with the id 'ws-20270101-doesnotexist'.", text, StringComparison.Ordinal);
        Assert.Contains("没有此研讨会", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, odd.StatusCode);
        Assert.DoesNotContain("<script>", await odd.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
