using Approvals.Publication;

namespace Approvals.Tests.Events;

/// <summary>The public announcement after a change: the new dates with a postponed note, or a cancelled note, in both languages.</summary>
public sealed class AnnouncementNoticeTests
{
    private static Announcement Sample() => new(
        "ws-1", "International Migration Law and International Standards", "国际移民法与国际标准", null, null,
        new DateOnly(2027, 4, 6), new DateOnly(2027, 4, 7), "Shanghai", "IOM", [], "EU Partnership Instrument",
        [new ParticipatingMinistry("MFA", "Ministry of Foreign Affairs", "外交部", 10)], 10, new DateTimeOffset(2027, 1, 20, 2, 0, 0, TimeSpan.Zero));

    private static readonly Postponement FromMarch = new(1, new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), "Beijing", new DateTimeOffset(2027, 2, 1, 2, 0, 0, TimeSpan.Zero));

    private static Task<string> Render(Announcement announcement) =>
        Builders.Pages().RenderAsync<AnnouncementPage>(new Dictionary<string, object?> { [nameof(AnnouncementPage.Announcement)] = announcement });

    [Fact]
    public async Task APostponedWorkshopShowsItsNewDatesAndTheOnesBeforeInBothLanguages()
    {
        var page = await Render(Sample() with { Postponed = FromMarch });

        Assert.Contains("id=\"postponed\"", page, StringComparison.Ordinal);
        Assert.Contains("Postponed <span class=\"zh\" lang=\"zh-CN\">已延期</span>", page, StringComparison.Ordinal);
        Assert.Contains("postponed to Tue 6 April 2027 – Wed 7 April 2027 (2 days) (previously Tue 2 March 2027 – Wed 3 March 2027 (2 days), at Beijing)", page, StringComparison.Ordinal);
        Assert.Contains("本研讨会已延期至", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancelled\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledWorkshopSaysSoInBothLanguagesEvenAfterAPostponement()
    {
        var page = await Render(Sample() with { Postponed = FromMarch, CancelledAt = new DateTimeOffset(2027, 2, 10, 2, 0, 0, TimeSpan.Zero) });

        Assert.Contains("id=\"cancelled\"", page, StringComparison.Ordinal);
        Assert.Contains("This workshop has been cancelled", page, StringComparison.Ordinal);
        Assert.Contains("本研讨会已取消", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"postponed\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnchangedWorkshopShowsNeitherNote()
    {
        var page = await Render(Sample());

        Assert.DoesNotContain("id=\"postponed\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancelled\"", page, StringComparison.Ordinal);
    }
}
