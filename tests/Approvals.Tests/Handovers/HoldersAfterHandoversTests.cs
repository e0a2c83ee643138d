using Approvals.Handovers;
using Approvals.Notifications;
using Approvals.Tests.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Handovers;

public sealed class HoldersAfterHandoversTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 10, 2, 0, 0, TimeSpan.Zero);

    private static Handover Move(string from, string to, string? ministry = "MFA", int round = 0) =>
        new(Stage.Nominations, round, ministry, from, to, from, null, At, HandoverVia.PassedOn);

    [Fact]
    public void APassedOnRequestIsHeldByTheLastInTheChainAndNoLongerByTheFirst()
    {
        Handover[] chain = [Move("a@x.org", "b@x.org"), Move("b@x.org", "c@x.org")];

        Assert.Equal("c@x.org", Approvals.Handovers.Handovers.PassedAway(chain, Stage.Nominations, 0, "MFA", "A@X.org")?.Holder);
        Assert.Equal("c@x.org", Approvals.Handovers.Handovers.PassedAway(chain, Stage.Nominations, 0, "mfa", "b@x.org")?.Holder);
        Assert.Null(Approvals.Handovers.Handovers.PassedAway(chain, Stage.Nominations, 0, "MFA", "c@x.org"));
        Assert.Equal(["other@x.org", "c@x.org"], Approvals.Handovers.Handovers.Holders(["a@x.org", "other@x.org"], chain, Stage.Nominations, 0, "MFA"));
    }

    [Fact]
    public void ARequestPassedBackIsHeldAgainAndOtherRequestsAreUntouched()
    {
        Handover[] moves = [Move("a@x.org", "b@x.org"), Move("b@x.org", "a@x.org"), Move("d@x.org", "e@x.org", "MOE")];

        Assert.Null(Approvals.Handovers.Handovers.PassedAway(moves, Stage.Nominations, 0, "MFA", "a@x.org"));
        Assert.Equal("a@x.org", Approvals.Handovers.Handovers.PassedAway(moves, Stage.Nominations, 0, "MFA", "b@x.org")?.Holder);
        Assert.Null(Approvals.Handovers.Handovers.PassedAway(moves, Stage.Nominations, 1, "MFA", "b@x.org"));
        Assert.Null(Approvals.Handovers.Handovers.PassedAway(moves, Stage.Nominations, 0, "MFA", "d@x.org"));
    }

    [Fact]
    public async Task TheNewHoldersMailSaysWhoPassedItOnAndTheOthersAreToldWhoHoldsItNow()
    {
        var request = MailSamples.Of(NotificationKind.NominationRequest) with { To = "li.na@mofcom.example.cn", Ministry = "MOFCOM", Handover = MailSamples.PassedOn };
        var toColleague = await MailSamples.RenderAsync(request);
        var notice = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.RequestPassedOn));

        Assert.Contains("focal.mofcom@gov.example.cn passed this request on to you", toColleague.Text, StringComparison.Ordinal);
        Assert.Contains("已将此请求转交给您", toColleague.Text, StringComparison.Ordinal);
        Assert.Contains("Li Na nominates for us", toColleague.Text, StringComparison.Ordinal);
        Assert.Contains("/api/nominations/", toColleague.Text, StringComparison.Ordinal);
        Assert.Contains("Request passed on", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("is now held by li.na@mofcom.example.cn", notice.Text, StringComparison.Ordinal);
        Assert.Contains("现由 li.na@mofcom.example.cn 处理", notice.Text, StringComparison.Ordinal);
    }
}
