using Approvals.Contacts;
using Approvals.Handovers;
using Approvals.Workflow;

namespace Approvals.Tests.Handovers;

public sealed class DirectoryHandoversTests
{
    private static ProjectDirectory Directory(string[] managers, string[] donors, params (string Code, string[] FocalPoints)[] ministries) =>
        new(managers, donors, ["escalation@iom.example.org"], ministries.Select(m => new Ministry(m.Code, m.Code, m.Code, m.FocalPoints)).ToList());

    [Fact]
    public void RemovedHoldersGoToWhoWasAddedInOrderThenToOneWhoStays()
    {
        var before = Directory(["a@iom.org", "b@iom.org", "c@iom.org"], ["donor@eu.eu"], ("MFA", ["one@mfa.cn", "two@mfa.cn"]), ("MOE", ["x@moe.cn"]));
        var after = Directory(["C@iom.org", "new@iom.org"], ["donor@eu.eu"], ("MFA", ["two@mfa.cn"]), ("MOE", ["y@moe.cn"]));

        Assert.Equal(
            [
                new DirectoryMove(Stage.InternalReview, null, "a@iom.org", "new@iom.org"),
                new DirectoryMove(Stage.InternalReview, null, "b@iom.org", "C@iom.org"),
                new DirectoryMove(Stage.Nominations, "MFA", "one@mfa.cn", "two@mfa.cn"),
                new DirectoryMove(Stage.Nominations, "MOE", "x@moe.cn", "y@moe.cn"),
            ],
            DirectoryHandovers.Moves(before, after));
    }

    [Fact]
    public void AChangeOfCaseOrAnAddedHolderMovesNothing()
    {
        var before = Directory(["a@iom.org"], ["donor@eu.eu"], ("MFA", ["one@mfa.cn"]));
        var after = Directory(["A@IOM.org", "more@iom.org"], ["donor@eu.eu", "second@eu.eu"], ("MFA", ["one@mfa.cn", "two@mfa.cn"]), ("NEW", ["n@new.cn"]));
        Assert.Empty(DirectoryHandovers.Moves(before, after));
    }
}
