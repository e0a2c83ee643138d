using Approvals.Http;
using Approvals.Publication;

namespace Approvals.Tests.Publication;

public sealed class AnnouncementPageTests
{
    private static Announcement Sample() => new(
        "ws-1", "International Migration Law and International Standards", "国际移民法与国际标准",
        "Two-day training workshop.", "为期两天的培训。", new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), "Beijing",
        "IOM International Migration Law Unit", ["ILO Country Office for China and Mongolia"], "EU Partnership Instrument",
        [new ParticipatingMinistry("MFA", "Ministry of Foreign Affairs", "外交部", 10), new ParticipatingMinistry("MOE", "Ministry of Education", "教育部", 5)],
        15, new DateTimeOffset(2027, 1, 20, 2, 0, 0, TimeSpan.Zero));

    private static Task<string> Render(Announcement announcement) =>
        Builders.Pages().RenderAsync<AnnouncementPage>(new Dictionary<string, object?> { [nameof(AnnouncementPage.Announcement)] = announcement });

    [Fact]
    public async Task TheAnnouncementShowsBothTitlesTheFundingLineAndTheMinistriesInBothLanguages()
    {
        var page = await Render(Sample());

        Assert.Contains("<h1>International Migration Law and International Standards</h1>", page, StringComparison.Ordinal);
        Assert.Contains("国际移民法与国际标准", page, StringComparison.Ordinal);
        Assert.Contains("Funded by the European Union through the Partnership Instrument.", page, StringComparison.Ordinal);
        Assert.Contains("由欧盟伙伴关系工具资助。", page, StringComparison.Ordinal);
        Assert.Contains("<td>Ministry of Foreign Affairs</td><td lang=\"zh-CN\">外交部</td><td>10</td>", page, StringComparison.Ordinal);
        Assert.Contains("15 officials from 2 ministries", page, StringComparison.Ordinal);
        Assert.Contains("来自2个部委和机构的15名官员", page, StringComparison.Ordinal);
        Assert.Contains("Tue 2 March 2027 – Wed 3 March 2027 (2 days)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownInstrumentIsNamedAsGiven()
    {
        Assert.Equal("Funded by the European Union through the Foreign Policy Instruments Fund.", AnnouncementPage.FundingEn("Foreign Policy Instruments Fund"));
        Assert.Equal("由欧盟资助（Foreign Policy Instruments Fund）。", AnnouncementPage.FundingZh("Foreign Policy Instruments Fund"));
        Assert.Equal("Funded by the European Union.", AnnouncementPage.FundingEn(null));
    }

    [Fact]
    public async Task AScriptInAnAnnouncementIsEncodedOnThePage()
    {
        var evil = Sample() with
        {
            Title = "<script>alert(1)</script>",
            TitleZh = "<script>alert(2)</script>",
            Ministries = [new ParticipatingMinistry("X", "<img src=x onerror=alert(3)>", "<b>部</b>", 1)],
        };

        var page = await Render(evil);

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>部", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }
}
