using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

/// <summary>The workflow answers every event it receives (used, or refused and why) in its custom status, takes a
/// repeated event once, and says "not used" for what it can no longer take — what the pages wait for.</summary>
[Collection(nameof(WorkflowHarness))]
public sealed class EventAnswerTests(WorkflowHarness harness)
{
    private const string Donor = "programme.manager@eeas.example.eu";

    [Fact]
    public async Task FiftyRaisesOfOneDecisionAreTakenOnceAndNeverSpentByTheDonorsWait()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => harness.Decide(id, Stage.InternalReview, Decision.Approve)));
        await harness.WaitForStage(id, Stage.Nominations);
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);
        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve, approver: Donor);
        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Published, outcome.Stage);
        Assert.DoesNotContain(harness.ProgressOf(id), p => p.Entry.Action == AuditActions.IgnoredLateEvent);
        Assert.Single(harness.ProgressOf(id), p => p.Entry.Action == AuditActions.Approved && p.Stage == Stage.Nominations);
        Assert.Contains(await harness.AnswersOf(id), a => a.Receipt == DecisionRecorded.ReceiptOf(Stage.InternalReview, 0) && a.Used);
    }

    [Fact]
    public async Task TheSameSlateSentThreeTimesIsKeptOnceAndEachSendingIsAnsweredKept()
    {
        var id = await InNominations();
        var receipts = new[] { "first", "second", "third" }.Select(r => $"{r}-{id}").ToList();

        foreach (var receipt in receipts) await harness.SendSlate(id, Builders.Slate("MFA", 10), receipt);
        await Until(async () => (await harness.AnswersOf(id)).Count(a => receipts.Contains(a.Receipt)) == 3);

        Assert.All((await harness.AnswersOf(id)).Where(a => receipts.Contains(a.Receipt)), a => Assert.True(a.Used));
        Assert.Single(harness.Slates, s => s.WorkshopId == id && s.Slate.Ministry == "MFA");
        Assert.Single(harness.ProgressOf(id), p => p.Entry.Action == AuditActions.SlateAccepted);
    }

    [Fact]
    public async Task ASlateThatClashesWithAnotherMinistrysIsAnsweredRefusedWithTheReason()
    {
        var id = await InNominations();
        await harness.SendSlate(id, Builders.Slate("MFA", 2), $"mfa-{id}");
        await harness.SendSlate(id, Builders.Slate("MOE", 2, emailPrefix: "mfa"), $"moe-{id}");

        var refused = await Until(async () => (await harness.AnswersOf(id)).FirstOrDefault(a => a.Receipt == $"moe-{id}"));

        Assert.False(refused.Used);
        Assert.Contains("already nominated for this workshop", refused.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlateSentAfterTheLastMinistryAnsweredIsNotUsed()
    {
        var id = await InNominations();
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);

        await harness.SendSlate(id, Builders.Slate("MFA", 3), $"late-{id}");
        var answer = await harness.Client.AnswerToAsync(id, $"late-{id}", s => s.Stage == Stage.Nominations);

        Assert.Equal((Hearing.NotUsed, Stage.DonorSignOff), (answer.Hearing, answer.Stage));
        Assert.DoesNotContain(harness.Slates, s => s.WorkshopId == id && s.Slate.Nominees.Count == 3);
    }

    [Fact]
    public async Task ACancelThatArrivesWhileTheWorkshopIsPublishedIsRefusedNotDropped()
    {
        var id = await InNominations();
        var hold = harness.HoldPublication(id);
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);
        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve, approver: Donor);
        await hold.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await harness.Cancel(id, "Too late", receipt: $"cancel-{id}");
        var answering = harness.Client.AnswerToAsync(id, $"cancel-{id}", s => !s.Stage.IsTerminal());
        await Task.Delay(300);
        hold.Release.SetResult();
        var answer = await answering;

        var seen = await harness.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.True(answer.Hearing == Hearing.Refused, $"{answer} — status {seen?.SerializedCustomStatus}; steps "
            + string.Join(" → ", harness.ProgressOf(id).Select(p => $"{p.Stage}/{p.Entry.Action}")));
        Assert.Contains("being published", answer.Why, StringComparison.Ordinal);
        Assert.Equal(Stage.Published, (await harness.WaitForOutcome(id)).Stage);
    }

    [Fact]
    public async Task ACancelTakenIsAnsweredUsed()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);

        await harness.Cancel(id, receipt: $"cancel-{id}");
        var answer = await harness.Client.AnswerToAsync(id, $"cancel-{id}", s => !s.Stage.IsTerminal());

        Assert.Equal(Hearing.Used, answer.Hearing);
        Assert.Equal(Stage.Cancelled, (await harness.WaitForOutcome(id)).Stage);
    }

    private async Task<string> InNominations()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        return id;
    }

    private static Task<T> Until<T>(Func<Task<T?>> read)
        where T : class => Eventually.Found(read, TimeSpan.FromSeconds(20), "No answer in 20 s.");

    private static Task Until(Func<Task<bool>> condition) => Eventually.WaitFor(condition);
}
