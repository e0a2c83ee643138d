using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

[Collection(nameof(WorkflowHarness))]
public sealed class LifecycleTests(WorkflowHarness harness)
{
    [Fact]
    public async Task ApprovedAtEveryStageIsPublished()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        await Until(() => harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.ReviewRequest));
        var reviewRequests = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.ReviewRequest).ToList();
        Assert.Equal(["project.manager@iom.example.org"], reviewRequests.Select(n => n.To));

        await harness.Decide(id, Stage.InternalReview, Decision.Approve, comment: "Good plan");
        await harness.WaitForStage(id, Stage.Nominations);
        await Until(() => harness.NotificationsOf(id).Count(n => n.Kind == NotificationKind.NominationRequest) == 8);
        var requests = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.NominationRequest).ToList();
        Assert.Contains(requests, n => n.To == "focal.mfa@gov.example.cn" && n.Ministry == "MFA");

        await harness.NominateAll(id);
        var donorStep = await harness.WaitForStage(id, Stage.DonorSignOff);
        Assert.Equal(AuditActions.NominationsClosed, donorStep.Entry.Action);
        Assert.Contains("51 nominee(s)", donorStep.Entry.Comment, StringComparison.Ordinal);
        Assert.Equal(["programme.manager@eeas.example.eu"], donorStep.Pending.Select(p => p.Party));

        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve, approver: "programme.manager@eeas.example.eu");
        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Published, outcome.Stage);
        var published = Assert.Single(harness.Publications, p => p.WorkshopId == id);
        Assert.Equal(51, published.Slates.Sum(s => s.Nominees.Count));
        Assert.Equal(8, harness.Slates.Count(s => s.WorkshopId == id));
        Assert.Equal(
            [Stage.InternalReview, Stage.Nominations, Stage.DonorSignOff, Stage.Published],
            harness.ProgressOf(id).Select(p => p.Stage).Distinct());
        Assert.Contains(harness.NotificationsOf(id), n => n.Kind == NotificationKind.DecisionOutcome && n.Outcome == Stage.Published && n.Role == Role.Proposer);
    }

    [Fact]
    public async Task RejectedAtReviewEndsRejectedAndTellsTheProposer()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Reject, comment: "Out of scope");

        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Rejected, outcome.Stage);
        var last = harness.ProgressOf(id)[^1];
        Assert.Equal((Stage.Rejected, "Out of scope", "project.manager@iom.example.org"), (last.Stage, last.Entry.Comment, last.Entry.Actor));
        Assert.Empty(last.Pending);
        Assert.Contains(harness.NotificationsOf(id), n => n.Kind == NotificationKind.DecisionOutcome && n.Outcome == Stage.Rejected
            && n.To == "project.officer@iom.example.org" && n.Comment == "Out of scope");
    }

    [Fact]
    public async Task RejectedByTheDonorEndsRejected()
    {
        var id = await harness.StartAsync();
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);
        await harness.Decide(id, Stage.DonorSignOff, Decision.Reject, comment: "Budget too high", approver: "programme.manager@eeas.example.eu");

        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Rejected, outcome.Stage);
        Assert.DoesNotContain(harness.Publications, p => p.WorkshopId == id);
    }

    [Fact]
    public async Task ChangesRequestedTwiceThenApprovedMovesOnWithTheRevisedProposal()
    {
        var id = await harness.StartAsync();
        for (var round = 0; round < 2; round++)
        {
            await harness.WaitFor(id, p => p.Stage == Stage.InternalReview && p.Round == round, $"review round {round}");
            await harness.Decide(id, Stage.InternalReview, Decision.Changes, round, comment: $"Fix agenda {round}");
            var changes = await harness.WaitFor(id, p => p.Stage == Stage.ChangesRequested && p.Round == round, $"changes round {round}");
            Assert.Equal($"Fix agenda {round}", changes.Entry.Comment);
            await Until(() => harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.ChangesRequested && n.Comment == $"Fix agenda {round}"));
            await harness.Resubmit(id, Builders.Proposal() with { Title = $"International Migration Law, revision {round + 1}" });
        }

        var resubmitted = await harness.WaitFor(id, p => p.Stage == Stage.InternalReview && p.Round == 2, "review round 2");
        Assert.Equal("International Migration Law, revision 2", resubmitted.Proposal?.Title);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve, round: 2);
        var nominations = await harness.WaitForStage(id, Stage.Nominations);
        Assert.Equal(2, nominations.Round);
    }

    [Fact]
    public async Task ChangesBeyondTheRevisionLimitReject()
    {
        var id = await harness.StartAsync(maxRounds: 1);
        await harness.Decide(id, Stage.InternalReview, Decision.Changes, 0, "Once");
        await harness.WaitForStage(id, Stage.ChangesRequested);
        await harness.Resubmit(id);
        await harness.WaitFor(id, p => p.Stage == Stage.InternalReview && p.Round == 1, "review round 1");
        await harness.Decide(id, Stage.InternalReview, Decision.Changes, 1, "Twice");

        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Rejected, outcome.Stage);
        Assert.Equal(AuditActions.RevisionLimitReached, harness.ProgressOf(id)[^1].Entry.Action);
    }

    [Fact]
    public async Task DonorChangesReturnToTheDonorAndKeepTheNominations()
    {
        var id = await harness.StartAsync();
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);
        await harness.Decide(id, Stage.DonorSignOff, Decision.Changes, comment: "Add a gender balance note");
        await harness.WaitForStage(id, Stage.ChangesRequested);
        await harness.Resubmit(id);

        await harness.WaitFor(id, p => p.Stage == Stage.DonorSignOff && p.Round == 1, "donor round 1");
        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve, round: 1);
        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Published, outcome.Stage);
        Assert.Equal(51, harness.Publications.Single(p => p.WorkshopId == id).Slates.Sum(s => s.Nominees.Count));
        Assert.Equal(1, harness.ProgressOf(id).Count(p => p.Stage == Stage.Nominations && p.Entry.Action == AuditActions.Approved));
    }

    [Fact]
    public async Task ARepeatOfADecidedStageChangesNothingSilentlyAndAStrayDecisionIsRecordedAndIgnored()
    {
        var id = await harness.StartAsync();
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);

        // Only one decision is ever stored per stage and round, so a second one for the decided review is a repeat.
        await harness.Decide(id, Stage.InternalReview, Decision.Reject, comment: "Too late");
        await harness.Decide(id, Stage.InternalReview, Decision.Reject, round: 7, comment: "Stray");
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);

        // The stray decision reaches the next decision wait, which records it and keeps waiting; the repeat leaves no trace.
        var ignored = await harness.WaitForAction(id, AuditActions.IgnoredLateEvent);
        Assert.Contains("Reject for InternalReview round 7", ignored.Entry.Comment, StringComparison.Ordinal);
        var meta = await harness.Client.GetInstanceAsync(id);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, meta!.RuntimeStatus);
        Assert.DoesNotContain(harness.ProgressOf(id), p => p.Stage == Stage.Rejected);

        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve);
        Assert.Equal(Stage.Published, (await harness.WaitForOutcome(id)).Stage);
        Assert.Single(harness.ProgressOf(id), p => p.Entry.Action == AuditActions.IgnoredLateEvent);
    }

    internal static Task Until(Func<bool> condition, int seconds = 10) =>
        Eventually.Until(() => Task.FromResult(condition()), met => met, TimeSpan.FromSeconds(seconds), _ => "Condition not met in time.", TimeSpan.FromMilliseconds(25));
}

[Collection(nameof(WorkflowHarness))]
public sealed class ActivityRetryTests(WorkflowHarness harness)
{
    [Fact]
    public async Task AStorageHiccupInAnActivityIsRetriedAndTheReviewRequestStillGoesOut()
    {
        var id = ProposalIntake.NewWorkshopId(DateTimeOffset.UtcNow);
        harness.FailNotificationsOnce(id);

        await harness.StartAsync(id: id);

        await LifecycleTests.Until(() => harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.ReviewRequest), seconds: 20);
        var meta = await harness.Client.GetInstanceAsync(id);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, meta!.RuntimeStatus);
        Assert.Single(harness.NotificationsOf(id), n => n.Kind == NotificationKind.ReviewRequest);
    }
}

[Collection(nameof(WorkflowHarness))]
public sealed class RepeatedEventTests(WorkflowHarness harness)
{
    [Fact]
    public async Task ARepeatedResubmissionIsNotTakenAsTheNextRoundsAnswer()
    {
        var id = await harness.StartAsync();
        await harness.Decide(id, Stage.InternalReview, Decision.Changes, 0, "First remarks");
        await harness.WaitForStage(id, Stage.ChangesRequested);
        await harness.Resubmit(id, Builders.Proposal() with { Title = "Revision one" });
        await harness.Resubmit(id, Builders.Proposal() with { Title = "Revision one" }); // a retried PUT for round 0
        await harness.WaitFor(id, p => p.Stage == Stage.InternalReview && p.Round == 1, "review round 1");

        await harness.Decide(id, Stage.InternalReview, Decision.Changes, 1, "Second remarks");
        var ignored = await harness.WaitFor(id, p => p.Entry.Action == AuditActions.IgnoredLateEvent, "the stale resubmission ignored");

        Assert.Contains("round 0", ignored.Entry.Comment, StringComparison.Ordinal);
        Assert.Equal(Stage.ChangesRequested, harness.StageOf(id));
        Assert.DoesNotContain(harness.ProgressOf(id), p => p.Round == 2);
    }
}
