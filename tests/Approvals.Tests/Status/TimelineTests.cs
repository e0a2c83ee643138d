using Approvals.Status;
using Approvals.Workflow;

namespace Approvals.Tests.Status;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private static WorkshopStatus Status(Stage stage, params (int Day, Stage Stage, string Action)[] history) =>
        new("ws-1", "T", stage, 0, "Running", Start, Start, [], new NominationCounts(0, new Dictionary<string, int>(), new Dictionary<string, int>()),
            history.Select(h => new HistoryLine(Start.AddDays(h.Day), h.Stage, h.Action, "someone", null)).ToList());

    [Fact]
    public void ARunningWorkshopShowsTheStagesItWentThroughWithTheirDatesThenTheRoadAhead()
    {
        var steps = Timeline.Of(Status(Stage.Nominations,
            (0, Stage.InternalReview, AuditActions.Submitted), (1, Stage.InternalReview, AuditActions.DecisionApprove),
            (2, Stage.Nominations, AuditActions.Approved), (3, Stage.Nominations, AuditActions.SlateAccepted)));

        Assert.Equal(
            [
                new TimelineStep(Stage.InternalReview, TimelineState.Done, Start, Start.AddDays(2)),
                new TimelineStep(Stage.Nominations, TimelineState.Current, Start.AddDays(2), null),
                new TimelineStep(Stage.DonorSignOff, TimelineState.Ahead, null, null),
                new TimelineStep(Stage.Published, TimelineState.Ahead, null, null),
            ],
            steps);
    }

    [Fact]
    public void AFinishedWorkshopHasNothingAheadAndARoundOfChangesShowsAsItsOwnStage()
    {
        var steps = Timeline.Of(Status(Stage.Rejected,
            (0, Stage.InternalReview, AuditActions.Submitted), (1, Stage.ChangesRequested, AuditActions.ChangesRequested),
            (2, Stage.InternalReview, AuditActions.Resubmitted), (3, Stage.Rejected, AuditActions.Rejected)));

        Assert.Equal([Stage.InternalReview, Stage.ChangesRequested, Stage.InternalReview, Stage.Rejected], steps.Select(s => s.Stage));
        Assert.All(steps, s => Assert.Equal(TimelineState.Done, s.State));
    }

    [Fact]
    public void EveryStageHasAnEnglishAndAChineseNameThatIsNotItsEnumName()
    {
        Assert.All(Enum.GetValues<Stage>(), stage =>
        {
            Assert.NotEmpty(stage.Name().Zh);
            Assert.Contains(" / ", stage.Name().ToString(), StringComparison.Ordinal);
        });
        Assert.Equal("EU donor sign-off / 欧盟捐助方审批", Stage.DonorSignOff.Name().ToString());
        Assert.Equal("ministry nominations", Stage.Nominations.Name().EnInSentence);
    }
}
