using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>The dashboard's list over workshops stored as the workflow leaves them, with dates, deadlines and stuck
/// steps a test can choose (no workflow runs for them).</summary>
[Collection(SharedServer.Workshops)]
public sealed class DashboardListTests(AppServer server) : IAsyncLifetime
{
    private readonly string tag = $"t{Guid.NewGuid():N}"[..12];
    private ServiceProvider services = null!;

    public Task InitializeAsync()
    {
        services = LibraryServices.Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    private WorkshopStore Store => services.GetRequiredService<WorkshopStore>();

    private async Task<string> PlantAsync(string title, Stage stage, DateTimeOffset submitted, params PendingRequest[] pending)
    {
        var id = $"ws-{tag}-{Guid.NewGuid():N}"[..32];
        var proposal = new Proposal(title, null, null, null, new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), "Beijing", null, [],
            "project.officer@iom.example.org", 10, 1000m, null, [new Invitation("MOFCOM", 5)]);
        Assert.True(await Store.CreateAsync(new WorkshopRecord(id, title, stage, 0, submitted, submitted, proposal, pending)));
        return id;
    }

    private async Task<string> PageAsync(string query = "")
    {
        using var browser = new HttpClient { BaseAddress = server.Process.BaseAddress };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"li.na:{AppServer.ApiKey}")));
        using var response = await browser.GetAsync($"api/dashboard{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheMorningPageCountsEachStageInBothLanguagesAndPutsTheOverdueRequestsFirst()
    {
        var now = DateTimeOffset.UtcNow;
        var late = await PlantAsync($"Late workshop {tag}", Stage.Nominations, now.AddMinutes(-1),
            new PendingRequest(Role.FocalPoint, "MOFCOM", now.AddDays(-2).AddHours(-3).AddMinutes(-5)),
            new PendingRequest(Role.FocalPoint, "MFA", now.AddDays(3)));
        await PlantAsync($"Expired workshop {tag}", Stage.Expired, now.AddMinutes(-1));

        var (page, counts) = await Eventually.Until(async () =>
        {
            var before = await Store.CountByStageAsync();
            var text = await PageAsync();
            return (text, before.SequenceEqual(await Store.CountByStageAsync()) ? before : null);
        }, r => r.Item2 is not null, TimeSpan.FromSeconds(30), _ => "the counts kept changing while the page was read");

        foreach (var stage in Enum.GetValues<Stage>())
        {
            Assert.Contains($"<strong>{counts![stage]}</strong> <span>{stage.Name().En}</span> <span class=\"zh\" lang=\"zh-CN\">{stage.Name().Zh}</span>", page, StringComparison.Ordinal);
        }

        Assert.True(counts![Stage.Expired] >= 1);
        Assert.DoesNotContain(">InternalReview<", page, StringComparison.Ordinal);
        var overdue = page.IndexOf("Overdue / 已逾期", StringComparison.Ordinal);
        var list = page.IndexOf("All workshops / 全部研讨会", StringComparison.Ordinal);
        Assert.InRange(overdue, 0, list);
        var entry = page[page.IndexOf($"Late workshop {tag}", overdue, StringComparison.Ordinal)..list];
        Assert.Contains("Ministry focal point / 部委联络人: <strong>MOFCOM</strong>", entry, StringComparison.Ordinal);
        Assert.Contains("2 d 3 h / 2 天 3 小时 late / 逾期", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("MFA", entry[..entry.IndexOf("</li>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/dashboard/workshops/{late}\"", page[overdue..list], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagersFindWorkshopsByTitleWordsSubmissionDatesStuckAndOverdue()
    {
        var march = new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
        var stuck = await PlantAsync($"{tag} Zebra crossing", Stage.InternalReview, march);
        await Store.SetStuckAsync(stuck, new StuckStep("s1", "SendNotifications", "The mail relay refused the login.", march.AddHours(1)));

        // 23:30 on 30 April in China is still April there, though it is 15:30 UTC.
        var april = await PlantAsync($"{tag} Yak herding", Stage.DonorSignOff, new DateTimeOffset(2026, 4, 30, 23, 30, 0, TimeSpan.FromHours(8)),
            new PendingRequest(Role.Donor, "programme.manager@eeas.example.eu", DateTimeOffset.UtcNow.AddDays(-1)));
        var may = await PlantAsync($"{tag} ZEBRA and yak", Stage.Nominations, new DateTimeOffset(2026, 5, 1, 0, 30, 0, TimeSpan.FromHours(8)));

        async Task<string[]> Found(string query)
        {
            var whole = await PageAsync($"?{query}");

            // The overdue and stuck workshops are shown above the list whatever it is filtered by.
            var page = whole[whole.IndexOf("Workshops found / 筛选结果", StringComparison.Ordinal)..];
            return new[] { stuck, april, may }.Where(id => page.Contains($"/api/dashboard/workshops/{id}\"", StringComparison.Ordinal)).ToArray();
        }

        Assert.Equal(new string[] { stuck, april, may }, await Found($"q={tag}"));
        Assert.Equal(new string[] { stuck, may }, await Found($"q={tag.ToUpperInvariant()}+zebra"));
        Assert.Equal(new string[] { april }, await Found($"q={tag}&from=2026-04-01&to=2026-04-30"));
        Assert.Equal(new string[] { may }, await Found($"q={tag}&from=2026-05-01"));
        Assert.Equal(new string[] { stuck }, await Found($"q={tag}&stuck=true"));
        Assert.Equal(new string[] {  }, await Found($"q={tag}&stuck=true&stage=Nominations"));
        Assert.Equal(new string[] { april }, await Found($"q={tag}&overdue=true"));
        Assert.Equal(new string[] { may }, await Found($"q={tag}&stage=Nominations"));

        var filtered = await PageAsync($"?q={tag}&stage=DonorSignOff&overdue=true&from=2026-04-01");
        Assert.Contains($"value=\"{tag}\"", filtered, StringComparison.Ordinal);
        Assert.Contains("<option value=\"DonorSignOff\" selected>", filtered, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-04-01\"", filtered, StringComparison.Ordinal);
    }
}
