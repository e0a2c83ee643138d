using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Publication;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;

namespace Approvals.Tests.Workflow;

[Collection(nameof(WorkflowHarness))]
public sealed class StuckStepTests(WorkflowHarness harness)
{
    private const string Liaison = "liaison.office@iom.example.org";

    /// <summary>Retries a few milliseconds apart: the six tries of a step take well under a second.</summary>
    private static Timing Quick() => Builders.Slow() with { ActivityRetryInterval = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task AStepThatKeepsFailingWaitsAtItsStageTellsTheEscalationContactsOnceAndMovesOnWhenRetriedAfterTheFix()
    {
        var id = await harness.StartAsync(Quick());
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);
        harness.Break(id, nameof(PublishAnnouncement), "The table specified does not exist.");

        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve, approver: "programme.manager@eeas.example.eu");
        var stuck = (await harness.WaitForStuck(id))!;

        Assert.Equal((nameof(PublishAnnouncement), "The table specified does not exist."), (stuck.Step, stuck.Reason));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await harness.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(Stage.DonorSignOff, harness.StageOf(id));
        Assert.Contains(harness.StuckRecords, r => r.WorkshopId == id && r.Stuck == stuck && r.Entry.Action == AuditActions.StepStuck);

        // A retry sent for some earlier failure runs nothing; one for this failure runs the step, which fails again.
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.RetryRequested, new RetryRequested("an-earlier-failure", "staff", DateTimeOffset.UtcNow));
        await Task.Delay(300);
        Assert.Equal(stuck.Id, (await harness.StuckOf(id))?.Id);
        await harness.Retry(id);
        var again = (await harness.WaitForStuck(id, s => s.Id != stuck.Id))!;
        Assert.Equal(stuck.Since, again.Since);

        harness.Mend(id, nameof(PublishAnnouncement));
        await harness.Retry(id);
        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Published, outcome.Stage);
        Assert.Null(await harness.StuckOf(id));
        var alarms = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.StepStuck).ToList();
        Assert.Equal([Liaison], alarms.Select(n => n.To));
        Assert.Equal((Stage.DonorSignOff, stuck.Reason, nameof(PublishAnnouncement)), (alarms[0].Stage, alarms[0].Comment, alarms[0].Stuck?.Step));
        Assert.Contains(harness.StuckRecords, r => r.WorkshopId == id && r.Stuck is null && r.Entry.Action == AuditActions.StepRetried);
        Assert.Single(harness.Publications, p => p.WorkshopId == id);
    }

    /// <summary>A run started before steps were one activity shows the part that failed; a run started now, its step.</summary>
    [Theory]
    [InlineData(WorkshopStarted.RereadsDirectory, nameof(RecordProgress))]
    [InlineData(WorkshopStarted.Current, nameof(RecordStep))]
    public async Task WhenTheStorageOfEveryRecordFailsTheWorkflowStillShowsTheStuckStepAndWaits(int version, string step)
    {
        var id = ProposalIntakeId();
        harness.Break(id, nameof(RecordProgress), "Service unavailable.");
        harness.Break(id, nameof(RecordStuck), "Service unavailable.");
        await harness.StartAsync(Quick(), id: id, version: version);

        var stuck = (await harness.WaitForStuck(id))!;

        Assert.Equal((step, "Service unavailable."), (stuck.Step, stuck.Reason));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await harness.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Empty(harness.ProgressOf(id));
        Assert.DoesNotContain(harness.StuckRecords, r => r.WorkshopId == id);
        await Eventually.WaitFor(() => Task.FromResult(harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.StepStuck)), seconds: 10);

        harness.Mend(id, nameof(RecordProgress));
        harness.Mend(id, nameof(RecordStuck));
        await harness.Retry(id);
        await harness.WaitForAction(id, AuditActions.Submitted);

        await Eventually.WaitFor(() => Task.FromResult(harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.ReviewRequest)), seconds: 10);
        Assert.Null(await harness.StuckOf(id));
        Assert.Single(harness.NotificationsOf(id), n => n.Kind == NotificationKind.StepStuck);
    }

    [Theory]
    [InlineData(WorkshopStarted.RereadsDirectory, nameof(SaveSlate))]
    [InlineData(WorkshopStarted.Current, nameof(RecordStep))]
    public async Task CancellingAStuckWorkshopEndsItCancelled(int version, string step)
    {
        var id = await harness.StartAsync(Quick(), version: version);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        harness.Break(id, nameof(SaveSlate));
        await harness.SendSlate(id, Builders.Slate("MFA", 2));
        var stuck = (await harness.WaitForStuck(id))!;
        Assert.Equal(step, stuck.Step);

        await harness.Cancel(id, "The ministry withdrew");
        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal((Stage.Cancelled, "The ministry withdrew"), (outcome.Stage, outcome.Reason));
        Assert.Equal(Stage.Cancelled, harness.StageOf(id));
        Assert.Contains(harness.NotificationsOf(id), n => n.Kind == NotificationKind.CancellationNotice && n.To == "focal.mfa@gov.example.cn");
    }

    private static string ProposalIntakeId() => ProposalIntake.NewWorkshopId(DateTimeOffset.UtcNow);
}
