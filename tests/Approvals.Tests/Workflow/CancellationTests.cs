using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

[Collection(nameof(WorkflowHarness))]
public sealed class CancellationTests(WorkflowHarness harness)
{
    [Theory]
    [InlineData(Stage.InternalReview)]
    [InlineData(Stage.ChangesRequested)]
    [InlineData(Stage.Nominations)]
    [InlineData(Stage.DonorSignOff)]
    public async Task CancellingAtAWaitingStageEndsCancelledAndTellsEveryoneWithAnOpenRequest(Stage stage)
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        if (stage == Stage.ChangesRequested) await harness.Decide(id, Stage.InternalReview, Decision.Changes, comment: "More detail");
        if (stage is Stage.Nominations or Stage.DonorSignOff) await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        if (stage == Stage.DonorSignOff)
        {
            await harness.WaitForStage(id, Stage.Nominations);
            await harness.NominateAll(id);
        }

        var before = await harness.WaitForStage(id, stage);
        await harness.Cancel(id, "Venue unavailable");
        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Cancelled, outcome.Stage);
        var last = harness.ProgressOf(id)[^1];
        Assert.Equal((Stage.Cancelled, "Venue unavailable"), (last.Stage, last.Entry.Comment));
        var notices = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.CancellationNotice).Select(n => n.To).ToHashSet();
        Assert.Contains("project.officer@iom.example.org", notices);
        var expected = stage switch
        {
            Stage.InternalReview => ["project.manager@iom.example.org"],
            Stage.Nominations => Builders.Directory().Ministries.SelectMany(m => m.FocalPoints).ToArray(),
            Stage.DonorSignOff => ["programme.manager@eeas.example.eu"],
            _ => Array.Empty<string>(),
        };
        Assert.Subset(notices, expected.ToHashSet());
        Assert.NotEmpty(before.Pending);
    }
}
