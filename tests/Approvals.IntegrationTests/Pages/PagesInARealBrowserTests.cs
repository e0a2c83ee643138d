using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Workflow;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Pages;

/// <summary>The pages as a person on a phone meets them: Debian's chromium at 390×844, typing and clicking. Every page
/// is screenshotted to <see cref="Chromium.ScreenshotFolder"/>, and none may scroll sideways.</summary>
[Collection(SharedServer.Browsers)]
public sealed class PagesInARealBrowserTests(AppServer server, Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const string Manager = "project.manager@iom.example.org";
    private const string Donor = "programme.manager@eeas.example.eu";

    /// <summary>The reference proposal with the long values that used to push the fact cards off a phone's screen.</summary>
    private async Task<string> SubmitAsync()
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["organizer"] = "IOM International Migration Law Unit, Department of International Cooperation and Partnerships";
        proposal["submittedBy"] = "international.migration.law.project.officer@iom-international-migration-law.example.org";
        var (id, _) = await server.SubmitAsync(proposal);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        return id;
    }

    private async Task<string> InNominationsAsync()
    {
        var id = await SubmitAsync();
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.Nominations, Pending.Count: 8 });
        return id;
    }

    /// <summary>Opens nothing itself: checks the page in front of it fits the phone and saves its picture.</summary>
    private async Task FitsAPhoneAsync(IPage page, string name)
    {
        var path = await Chromium.ScreenshotAsync(page, name);
        output.WriteLine($"{name}: {path}");
        Assert.True(await Chromium.SidewaysOverflowAsync(page) <= 0,
            $"{name} ({page.Url}) is {await Chromium.SidewaysOverflowAsync(page)} px wider than a 390 px phone; see {path}");
        Assert.True((await Chromium.ClippedBoxesAsync(page)) is [], $"{name} ({page.Url}) cuts off at the side: {string.Join(", ", await Chromium.ClippedBoxesAsync(page))}; see {path}");
    }

    [Fact]
    public async Task AnApproverDecidesByClickingOnAPhoneAndTheWorkshopMovesOn()
    {
        var id = await SubmitAsync();
        await using var context = await chromium.PhoneAsync(server.Process.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager)}");
        await FitsAPhoneAsync(page, "decision");
        await page.Locator("input[name=decision][value=approve]").ClickAsync();
        await page.Locator("form:has(input[name=decision]) button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync("your decision is recorded");
        await FitsAPhoneAsync(page, "decision-recorded");
        var status = await server.WaitForStageAsync(id, Stage.Nominations);
        Assert.Contains(status.History, h => h.Action == AuditActions.Approved && h.Actor == Manager);
    }

    [Fact]
    public async Task AFocalPointTypesTheNomineesOnAPhoneAndSendsThem()
    {
        var id = await InNominationsAsync();
        await using var context = await chromium.PhoneAsync(server.Process.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, "MOFCOM", "focal.mofcom@gov.example.cn")}");
        await FitsAPhoneAsync(page, "nomination");
        await page.Locator("[name='nominees[0].name']").PressSequentiallyAsync("Wang Fang");
        await page.Locator("[name='nominees[0].nameZh']").PressSequentiallyAsync("王芳");
        await page.Locator("[name='nominees[0].position']").PressSequentiallyAsync("Deputy Director-General");
        await page.Locator("[name='nominees[0].email']").PressSequentiallyAsync("wang.fang@mofcom.example.cn");
        await page.Locator("[name='nominees[0].sex']").SelectOptionAsync("female");
        await page.Locator("form:has([name='nominees[0].name']) button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync("your nominations are received");
        await FitsAPhoneAsync(page, "nomination-received");
        var status = await Eventually.Until(() => server.StatusAsync(id),
            s => s.Nominations.ByMinistry.GetValueOrDefault("MOFCOM") == 1 && s.Pending.All(p => p.Party != "MOFCOM"), TimeSpan.FromSeconds(30),
            s => $"MOFCOM's slate is not counted: {s.Nominations.Total} nominees, waiting for {string.Join(", ", s.Pending.Select(p => p.Party))}");
        Assert.Equal(1, status.Nominations.BySex["female"]);
    }

    [Fact]
    public async Task TheDonorPageTheAnnouncementTheDashboardAndTheStatusPagesFitAPhone()
    {
        var id = await InNominationsAsync();
        var client = server.Process.DurableClient;
        foreach (var invitation in AppServer.ReferenceProposal()["invitations"]!.AsArray())
        {
            var ministry = invitation!["ministry"]!.GetValue<string>();
            var nominees = Enumerable.Range(1, 2).Select(i =>
                new Nominee($"Official {i}", $"官员{i}", "Director", i == 1 ? Sex.Female : Sex.Male, $"{ministry.ToLowerInvariant()}.{i}@gov.example.cn")).ToList();
            await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted,
                new SlateSubmitted(new Slate(ministry, nominees, false, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", DateTimeOffset.UtcNow), null));
        }

        await server.WaitForStageAsync(id, Stage.DonorSignOff);
        await using var person = await chromium.PhoneAsync(server.Process.BaseAddress);
        var page = await person.NewPageAsync();
        await page.GotoAsync($"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, Stage.DonorSignOff, 0, Donor)}");
        await FitsAPhoneAsync(page, "donor-decision");
        await page.Locator("input[name=decision][value=approve]").ClickAsync();
        await page.Locator("form:has(input[name=decision]) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync("your decision is recorded");
        await server.WaitForStageAsync(id, Stage.Published);

        await page.GotoAsync($"api/events/{id}");
        await FitsAPhoneAsync(page, "announcement");
        await page.GotoAsync("api/no-such-page");
        await FitsAPhoneAsync(page, "status-not-found");
        await page.GotoAsync($"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager, lifetime: TimeSpan.FromSeconds(-5))}");
        await FitsAPhoneAsync(page, "status-link-expired");

        await using var staff = await chromium.PhoneAsync(server.Process.BaseAddress, AppServer.ApiKey);
        var dashboard = await staff.NewPageAsync();
        await dashboard.GotoAsync("api/dashboard");
        await FitsAPhoneAsync(dashboard, "dashboard");
        await dashboard.GotoAsync("api/dashboard?stage=Nowhere");
        await FitsAPhoneAsync(dashboard, "dashboard-bad-filter");
        await dashboard.GotoAsync("api/dashboard");
        await dashboard.Locator("[name=q]").FillAsync("migration LAW");
        await dashboard.Locator("form.filter button[type=submit]").ClickAsync();
        await dashboard.Locator($"a[href='/api/dashboard/workshops/{id}']").First.ClickAsync();
        await Assertions.Expect(dashboard.Locator("svg.chart").First).ToBeVisibleAsync();
        await FitsAPhoneAsync(dashboard, "dashboard-workshop");
        Assert.DoesNotContain("code=", dashboard.Url, StringComparison.Ordinal);
    }
}
