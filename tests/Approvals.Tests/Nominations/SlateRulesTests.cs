using Approvals.Nominations;

namespace Approvals.Tests.Nominations;

public sealed class SlateRulesTests
{
    [Fact]
    public void AFullSlateWithinQuotaIsAccepted() =>
        Assert.Empty(SlateRules.Check(Builders.Proposal(), Builders.Slate("MFA", 10), []));

    [Fact]
    public void OverQuotaNamesTheQuota() =>
        Assert.Contains("At most 5 nominees for MOE; 6 were sent.", SlateRules.Check(Builders.Proposal(), Builders.Slate("MOE", 6), [])["nominees"]);

    [Fact]
    public void TheSameEmailTwiceInOneSlateIsRefused()
    {
        var slate = Builders.Slate("MFA", 2);
        slate = slate with { Nominees = [slate.Nominees[0], slate.Nominees[1] with { Email = slate.Nominees[0].Email.ToUpperInvariant() }] };

        var errors = SlateRules.Check(Builders.Proposal(), slate, []);

        Assert.Contains("appears twice", errors["nominees[1].email"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmailAlreadyNominatedByAnotherMinistryIsRefusedButItsOwnPreviousSlateIsNot()
    {
        var earlier = Builders.Slate("MFA", 2, "shared");

        Assert.Contains("already nominated by MFA", SlateRules.Check(Builders.Proposal(), Builders.Slate("MOE", 1, "shared"), [earlier])["nominees[0].email"][0], StringComparison.Ordinal);
        Assert.Empty(SlateRules.Check(Builders.Proposal(), Builders.Slate("MFA", 3, "shared"), [earlier]));
    }

    [Fact]
    public void EmptyNameBadEmailAndUninvitedMinistryAreNamed()
    {
        var slate = new Slate("MOE", [new Nominee(" ", null, "Director", Sex.Female, "no-at-sign")], false, "x@y.cn", DateTimeOffset.UtcNow);

        var errors = SlateRules.Check(Builders.Proposal() with { Invitations = [new("MFA", 10)] }, slate, []);

        Assert.Contains("ministry", errors.Keys);
        Assert.Contains("nominees[0].name", errors.Keys);
        Assert.Contains("nominees[0].email", errors.Keys);
    }
}
