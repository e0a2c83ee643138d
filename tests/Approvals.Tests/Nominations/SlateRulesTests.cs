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

        var refusal = SlateRules.Check(Builders.Proposal(), Builders.Slate("MOE", 1, "shared"), [earlier])["nominees[0].email"][0];

        Assert.Equal($"{earlier.Nominees[0].Email} is already nominated for this workshop.", refusal);
        Assert.DoesNotContain("MFA", refusal, StringComparison.OrdinalIgnoreCase);
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

    [Theory]
    [InlineData("tian.lin@mfa.example.cn", "TIAN.LIN@MFA.EXAMPLE.CN")]
    [InlineData("tian.lin@mfa.example.cn", "\uFF54\uFF49\uFF41\uFF4E.lin@mfa.example.cn")]
    [InlineData("tian.lin@mfa.example.cn", "tian.lin@\uFF4D\uFF46\uFF41.example.cn")]
    [InlineData("jos\u00E9@mfa.example.cn", "jose\u0301@mfa.example.cn")]
    [InlineData("li.wei@xn--fiqs8s.example.cn", "li.wei@\u4E2D\u56FD.example.cn")]
    [InlineData("li.wei@xn--bcher-kva.example", "Li.Wei@B\u00DCCHER.example")]
    public void TheSameMailboxSpelledAnotherWayIsStillADuplicate(string first, string second)
    {
        var earlier = new Slate("MFA", [new Nominee("Tian Lin", null, "Counsellor", Sex.Male, first)], false, "focal@mfa.example.cn", DateTimeOffset.UtcNow);
        var later = new Slate("MOE", [new Nominee("Tian Lin", null, "Adviser", Sex.Male, second)], false, "focal@moe.example.cn", DateTimeOffset.UtcNow);
        var twice = later with { Ministry = "MFA", Nominees = [earlier.Nominees[0], later.Nominees[0]] };

        Assert.Equal(NomineeEmail.Key(first), NomineeEmail.Key(second));
        Assert.Equal($"{second} is already nominated for this workshop.", Assert.Single(SlateRules.Check(Builders.Proposal(), later, [earlier])["nominees[0].email"]));
        Assert.Contains("appears twice", Assert.Single(SlateRules.Check(Builders.Proposal(), twice, [])["nominees[1].email"]), StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentMailboxesAreNotDuplicates() =>
        Assert.NotEqual(NomineeEmail.Key("tian.lin@mfa.example.cn"), NomineeEmail.Key("tian.lin@moe.example.cn"));
}
