using Approvals.Contacts;
using Approvals.Handovers;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Publication;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

/// <summary>Each step of a workshop is one activity — one episode of the workflow, which reloads its history — in runs
/// started from now on; a run already under way when the code changed (its input carries an older version) makes
/// exactly the activities it made before, in the same order, or Durable would fail it on replay.</summary>
[Collection(nameof(WorkflowHarness))]
public sealed class OneActivityPerStepTests(WorkflowHarness harness)
{
    private const string Manager = "project.manager@iom.example.org";
    private const string Donor = "programme.manager@eeas.example.eu";
    private const string Deputy = "deputy.manager@iom.example.org";
    private static readonly LinkVisit Via = new(Manager, "203.0.113.9", "Firefox/133", null);

    /// <summary>Every kind of step a workshop makes on its way to Published: a handover, a click on an older link,
    /// decisions through a link (their receipts), changes requested and a resubmission, slates kept (one through a link)
    /// and one refused, the donor's approval and the publication.</summary>
    private async Task<string> EveryStepToPublished(int version)
    {
        var id = await harness.StartAsync(version: version);
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.HandoverRequested, new HandoverRequested(
            Stage.InternalReview, 0, null, Manager, Deputy, "On leave", Manager, HandoverVia.PassedOn, DateTimeOffset.UtcNow, $"handover-{id}"));
        await harness.WaitForAction(id, AuditActions.PassedOn);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve, round: 5);
        await harness.WaitForAction(id, AuditActions.IgnoredLateEvent);
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded, new DecisionRecorded(
            Stage.InternalReview, 0, Deputy, Decision.Changes, "Shorter", "t0", DateTimeOffset.UtcNow, Via with { Recipient = Deputy }));
        await harness.WaitForStage(id, Stage.ChangesRequested);
        await harness.Resubmit(id);
        await harness.WaitForAction(id, AuditActions.Resubmitted);
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded, new DecisionRecorded(
            Stage.InternalReview, 1, Deputy, Decision.Approve, null, "t1", DateTimeOffset.UtcNow, Via with { Recipient = Deputy }));
        await harness.WaitForStage(id, Stage.Nominations);
        var focal = new LinkVisit("focal.mfa@gov.example.cn", "198.51.100.4", "Firefox/133", null);
        var invitations = Builders.Proposal().Invitations;
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted,
            new SlateSubmitted(Builders.Slate(invitations[0].Ministry, invitations[0].Quota), "s0", $"kept-{id}", focal));
        await harness.WaitFor(id, p => p.Entry.Action == AuditActions.SlateAccepted, "first slate");
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted,
            new SlateSubmitted(Builders.Slate(invitations[1].Ministry, invitations[1].Quota + 40), "s1", $"refused-{id}"));
        await harness.WaitForAction(id, AuditActions.SlateRefused);
        foreach (var invitation in invitations.Skip(1))
        {
            await harness.SendSlate(id, Builders.Slate(invitation.Ministry, invitation.Quota));
        }

        await harness.WaitForStage(id, Stage.DonorSignOff);
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded, new DecisionRecorded(
            Stage.DonorSignOff, 1, Donor, Decision.Approve, null, "t2", DateTimeOffset.UtcNow, Via with { Recipient = Donor }));
        Assert.Equal(Stage.Published, (await harness.WaitForOutcome(id)).Stage);
        return id;
    }

    private async Task<string> CancelledInNominations(int version)
    {
        var id = await harness.StartAsync(version: version);
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        await harness.Cancel(id);
        Assert.Equal(Stage.Cancelled, (await harness.WaitForOutcome(id)).Stage);
        return id;
    }

    /// <summary>The activities the code before steps were one activity made for <see cref="EveryStepToPublished"/>,
    /// taken from a run of that code: a run it started replays them in this order, or Durable fails it.</summary>
    private static readonly string[] BeforeEveryStepToPublished =
    [
        Load, Progress, Mails, // submitted: the review requests
        Progress, Mails, // passed on
        Progress, // a click on an older link
        Mails, Progress, Mails, // the decision's receipt; changes requested
        Load, Progress, Mails, // resubmitted: the review requests again
        Mails, Load, Progress, Mails, // the receipt; approved: the nomination requests
        Slate, Progress, Mails, // a slate through a link, and its receipt
        Progress, Mails, // a slate refused
        Slate, Progress, Slate, Progress, Slate, Progress, Slate, Progress, Slate, Progress, Slate, Progress, Slate, Progress,
        Load, Progress, Mails, // nominations closed: the donor's request
        Mails, nameof(PublishAnnouncement), Progress, Mails, // the donor's receipt; published
    ];

    private static readonly string[] BeforeCancelledInNominations = [Load, Progress, Mails, Load, Progress, Mails, Progress, Mails];

    private const string Load = nameof(LoadDirectory);
    private const string Progress = nameof(RecordProgress);
    private const string Mails = nameof(SendNotifications);
    private const string Slate = nameof(SaveSlate);
    private const string Step = nameof(RecordStep);

    [Fact]
    public async Task ARunStartedBeforeStepsWereOneActivityMakesTheActivitiesItMadeThenInTheirOrder()
    {
        var (published, cancelled) = (EveryStepToPublished(WorkshopStarted.RereadsDirectory), CancelledInNominations(WorkshopStarted.RereadsDirectory));

        Assert.Equal(BeforeEveryStepToPublished, harness.CallsOf(await published));
        Assert.Equal(BeforeCancelledInNominations, harness.CallsOf(await cancelled));
    }

    [Fact]
    public async Task ARunStartedNowMakesOneActivityPerStepAndSendsTheSameMails()
    {
        var (before, now) = (EveryStepToPublished(WorkshopStarted.RereadsDirectory), EveryStepToPublished(WorkshopStarted.Current));
        var (old, id) = (await before, await now);

        Assert.Equal(
            [
                Load, Step, Step, Step, Step, // submitted, passed on, an older link, changes requested (with the receipt)
                Load, Step, // resubmitted
                Load, Step, Step, Step, // approved (with the receipt), a slate (with its receipt), a slate refused
                Step, Step, Step, Step, Step, Step, Step,
                Load, Step, nameof(PublishAnnouncement), Step,
            ],
            harness.CallsOf(id));
        Assert.Equal(harness.ProgressOf(old).Select(p => (p.Stage, p.Entry.Action, p.Pending.Count)), harness.ProgressOf(id).Select(p => (p.Stage, p.Entry.Action, p.Pending.Count)));
        Assert.Equal(Sent(old), Sent(id));
        Assert.Equal(8, harness.Slates.Count(s => s.WorkshopId == id));

        // The decision's receipt goes out with the step it led to, the slate's with the step that kept it.
        Assert.Equal(4, harness.NotificationsOf(id).Count(n => n.Kind == NotificationKind.Receipt));
    }

    [Fact]
    public async Task ACancellationIsOneActivityThatTellsEveryoneWaited()
    {
        var id = await CancelledInNominations(WorkshopStarted.Current);

        Assert.Equal([Load, Step, Load, Step, Step], harness.CallsOf(id));
        var notices = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.CancellationNotice).ToList();
        Assert.Contains(notices, n => n.To == "focal.mfa@gov.example.cn" && n.Stage == Stage.Nominations);
        Assert.Contains(notices, n => n.Role == Role.Proposer);
    }

    [Fact]
    public async Task RemindersEscalationAndExpiryAreOneActivityEachAndInAnOlderRunKeepTheirOrder()
    {
        var timing = Builders.Slow() with
        {
            ReviewTimeout = TimeSpan.FromSeconds(8),
            ReminderInterval = TimeSpan.FromSeconds(2),
            EscalationGrace = TimeSpan.FromSeconds(2),
        };
        var (older, newer) = (await harness.StartAsync(timing, version: WorkshopStarted.RereadsDirectory), await harness.StartAsync(timing));
        await Task.WhenAll(harness.WaitForOutcome(older, seconds: 60), harness.WaitForOutcome(newer, seconds: 60));

        // The older run sent its reminders before it recorded them, and every other step's mails after it.
        var steps = harness.ProgressOf(older).Select(p => p.Entry.Action).ToList();
        Assert.Contains(AuditActions.ReminderSent, steps);
        Assert.Equal([Load, .. steps.SelectMany(a => a == AuditActions.ReminderSent ? new[] { Mails, Progress } : [Progress, Mails])], harness.CallsOf(older));

        var recorded = harness.ProgressOf(newer).Select(p => p.Entry.Action).ToList();
        Assert.Equal([AuditActions.Escalated, AuditActions.Expired], recorded[^2..]);
        Assert.Equal([Load, .. recorded.Select(_ => Step)], harness.CallsOf(newer));
        var sent = harness.NotificationsOf(newer);
        Assert.Equal(recorded.Count(a => a == AuditActions.ReminderSent), sent.Count(n => n.Kind == NotificationKind.Reminder));
        Assert.Contains(sent, n => n.Kind == NotificationKind.Escalation && n.To == "liaison.office@iom.example.org");
        Assert.Contains(sent, n => n.Kind == NotificationKind.DecisionOutcome && n.Outcome == Stage.Expired);
    }

    /// <summary>What a workshop's mails say and to whom, in the order the workflow queued them.</summary>
    private List<(NotificationKind Kind, string To, Stage Stage, int Round, string? Ministry)> Sent(string id) =>
        harness.NotificationsOf(id).Select(n => (n.Kind, n.To, n.Stage, n.Round, n.Ministry)).ToList();
}
