using System.Net;
using System.Text.Json;
using Approvals.Nominations;
using Approvals.Publication;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Mail;

[Collection(nameof(MailCollection))]
public sealed class EventsPageTests(MailTestAzurite azurite)
{
    private static async Task<string> PublishAsync(MailHost host, Func<Approvals.Proposals.Proposal, Approvals.Proposals.Proposal>? change = null)
    {
        var proposal = (change ?? (p => p))(MailTestData.Proposal());
        var id = await MailTestData.SeedWorkshopAsync(host, proposal, Stage.Published);
        IReadOnlyList<Slate> slates =
        [
            new("MFA", [MailTestData.Nominee with { Email = MailTestData.UniqueAddress("mfa") }, MailTestData.Nominee with { Name = "Zhang Wei", Email = MailTestData.UniqueAddress("mfa") }],
                false, "focal.mfa@gov.example.cn", DateTimeOffset.UtcNow),
            new("MOHRSS", [MailTestData.Nominee with { Name = "Chen Jing", Email = MailTestData.UniqueAddress("mohrss") }], false, "focal.mohrss@gov.example.cn", DateTimeOffset.UtcNow),
            new("MOE", [], true, "focal.moe@gov.example.cn", DateTimeOffset.UtcNow),
        ];
        await ActivatorUtilities.CreateInstance<PublishAnnouncement>(host.Services).ExecuteAsync(new PublicationRequest(id, proposal, slates));
        return id;
    }

    [Fact]
    public async Task APublishedWorkshopsPageShowsBothTitlesAndItsMinistriesWithoutAKey()
    {
        await using var host = await MailHost.StartAsync(azurite);
        var id = await PublishAsync(host);

        using var response = await host.Http.GetAsync($"/api/events/{id}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>International Migration Law and International Standards</h1>", page, StringComparison.Ordinal);
        Assert.Contains("国际移民法与国际标准", page, StringComparison.Ordinal);
        Assert.Contains("Funded by the European Union through the Partnership Instrument.", page, StringComparison.Ordinal);
        Assert.Contains("由欧盟伙伴关系工具资助。", page, StringComparison.Ordinal);
        Assert.Contains("<td>Ministry of Foreign Affairs</td><td lang=\"zh-CN\">外交部</td><td>2</td>", page, StringComparison.Ordinal);
        Assert.Contains("3 officials from 2 ministries", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ministry of Education", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnpublishedOrUnknownWorkshopIs404()
    {
        await using var host = await MailHost.StartAsync(azurite);
        var unpublished = await MailTestData.SeedWorkshopAsync(host, stage: Stage.DonorSignOff);

        foreach (var path in new[] { $"/api/events/{unpublished}", "/api/events/no-such-workshop", "/api/events/a%2Fb" })
        {
            using var response = await host.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("未找到", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheEventsListIsNewestFirstWithAbsoluteUrls()
    {
        await using var host = await MailHost.StartAsync(azurite);
        var older = await PublishAsync(host);
        var newer = await PublishAsync(host, p => p with { Title = "Labour Migration Statistics", TitleZh = "劳动力移民统计" });

        using var json = JsonDocument.Parse(await host.Http.GetStringAsync("/api/events"));
        var rows = json.RootElement.EnumerateArray().ToList();
        var ids = rows.Select(r => r.GetProperty("id").GetString()).ToList();

        Assert.True(ids.IndexOf(newer) >= 0 && ids.IndexOf(newer) < ids.IndexOf(older));
        var row = rows.Single(r => r.GetProperty("id").GetString() == newer);
        Assert.Equal("劳动力移民统计", row.GetProperty("titleZh").GetString());
        Assert.Equal("2027-03-02", row.GetProperty("startDate").GetString());
        Assert.Equal("2027-03-03", row.GetProperty("endDate").GetString());
        Assert.Equal("Beijing", row.GetProperty("venue").GetString());
        Assert.Equal(3, row.GetProperty("participants").GetInt32());
        Assert.Equal($"{MailHost.PublicBaseUrl}/api/events/{newer}", row.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AScriptInAPublishedTitleIsEncodedOnThePage()
    {
        await using var host = await MailHost.StartAsync(azurite);
        var id = await PublishAsync(host, p => p with { Title = "<script>alert(1)</script>", Summary = "<img src=x onerror=alert(2)>" });

        var page = await host.Http.GetStringAsync($"/api/events/{id}");

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }
}
