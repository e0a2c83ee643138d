using Approvals.Contacts;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

/// <summary>The submission, the decision and the slate that end a stage bring the directory as it was when they were
/// sent, so a run needs no activity of its own to read it (each is two episodes of the workflow): the next stage's
/// requests still go by the directory of that moment. A run started before, and a stage that ends by its deadline,
/// read it as they did.</summary>
[Collection(nameof(WorkflowHarness))]
public sealed class DirectoryWithEventsTests(WorkflowHarness harness)
{
    private const string Donor = "programme.manager@eeas.example.eu";
    private const string NewFocalPoint = "new.focal.mfa@gov.example.cn";
    private const string NewDonor = "deputy.programme.manager@eeas.example.eu";

    /// <summary>Staff gave MFA a new focal point before the review decision, and the donor a new approver before the
    /// last slate.</summary>
    private static readonly ProjectDirectory AtStart = Builders.Directory();

    private static readonly ProjectDirectory AtDecision = AtStart with
    {
        Ministries = AtStart.Ministries.Select(m => m.Code == "MFA" ? m with { FocalPoints = [NewFocalPoint] } : m).ToList(),
    };

    private static readonly ProjectDirectory AtLastSlate = AtDecision with { DonorApprovers = [NewDonor] };

    private async Task<string> ToDonorSignOff(int version)
    {
        var id = await harness.StartAsync(version: version, directory: version >= WorkshopStarted.DirectoryComesWithEvents ? AtStart : null);
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve, directory: AtDecision);
        await harness.WaitForStage(id, Stage.Nominations);
        foreach (var invitation in Builders.Proposal().Invitations)
        {
            await harness.SendSlate(id, Builders.Slate(invitation.Ministry, invitation.Quota), directory: AtLastSlate);
        }

        await harness.WaitForStage(id, Stage.DonorSignOff);
        return id;
    }

    [Fact]
    public async Task ARunStartedNowNeverReadsTheDirectoryAndAsksWhomTheDirectorySaidWhenTheStageEnded()
    {
        var id = await ToDonorSignOff(WorkshopStarted.Current);

        Assert.DoesNotContain(nameof(LoadDirectory), harness.CallsOf(id));
        var sent = harness.NotificationsOf(id);
        var mfa = Assert.Single(sent, n => n.Kind == NotificationKind.NominationRequest && n.Ministry == "MFA");
        Assert.Equal(NewFocalPoint, mfa.To);
        Assert.Equal([NewDonor], sent.Where(n => n.Kind == NotificationKind.DonorRequest).Select(n => n.To));
    }

    [Fact]
    public async Task ARunStartedBeforeReadsTheDirectoryAtEachStageAsItDidEvenWhenTheEventsCarryIt()
    {
        var id = await ToDonorSignOff(WorkshopStarted.OneTimerPerWake);

        // At the start, for the nominations and for the donor: its history has these reads, so its replay needs them.
        Assert.Equal(3, harness.CallsOf(id).Count(c => c == nameof(LoadDirectory)));
        Assert.Equal([Donor], harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.DonorRequest).Select(n => n.To));
    }

    [Fact]
    public async Task NominationsClosedByTheirDeadlineReadTheDirectoryForTheDonorsRequest()
    {
        var id = await harness.StartAsync(Builders.Slow() with { NominationWindow = TimeSpan.FromSeconds(3) }, directory: AtStart);
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve, directory: AtDecision);
        await harness.WaitForStage(id, Stage.Nominations);
        var first = Builders.Proposal().Invitations[0];
        await harness.SendSlate(id, Builders.Slate(first.Ministry, first.Quota), directory: AtLastSlate);

        await harness.WaitForStage(id, Stage.DonorSignOff);

        // No event ended the window, so nothing brought a directory: it is read when the window closes.
        Assert.Equal([nameof(LoadDirectory)], harness.CallsOf(id).Where(c => c == nameof(LoadDirectory)));
        Assert.Equal([Donor], harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.DonorRequest).Select(n => n.To));
    }
}
