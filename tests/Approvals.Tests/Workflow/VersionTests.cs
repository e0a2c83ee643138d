using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

/// <summary>A run keeps the steps of the code that started it: a workshop started before the directory was read again
/// at each stage (its input has no version) must replay its history without that read, or Durable fails it as
/// non-deterministic on the next stage after an upgrade.</summary>
[Collection(nameof(WorkflowHarness))]
public sealed class VersionTests(WorkflowHarness harness)
{
    private const string Donor = "programme.manager@eeas.example.eu";

    private async Task<int> DirectoryReadsToPublished(int version)
    {
        var id = await harness.StartAsync(version: version);
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        await harness.NominateAll(id);
        await harness.WaitForStage(id, Stage.DonorSignOff);
        await harness.Decide(id, Stage.DonorSignOff, Decision.Approve, approver: Donor);
        Assert.Equal(Stage.Published, (await harness.WaitForOutcome(id)).Stage);
        return harness.DirectoryReads.Count(r => r == id);
    }

    [Fact]
    public async Task ARunStartedByTheOriginalCodeReadsTheDirectoryOnceAsItAlwaysDid()
    {
        Assert.Equal(1, await DirectoryReadsToPublished(WorkshopStarted.Original));
    }

    [Fact]
    public async Task ARunStartedNowReadsItAgainBeforeEachLaterStageSendsItsRequests()
    {
        Assert.True(await DirectoryReadsToPublished(WorkshopStarted.Current) >= 3);
    }

    [Fact]
    public void AnInputWrittenByTheOriginalCodeReadsAsTheOriginalVersion()
    {
        var written = Json.Serialize(new WorkshopStarted("ws-1", Builders.Proposal(), DateTimeOffset.UtcNow, new Timing(), 3, WorkshopStarted.Current));
        var old = System.Text.Json.Nodes.JsonNode.Parse(written)!.AsObject();
        Assert.True(old.Remove("version"), written);

        Assert.Equal(WorkshopStarted.Original, System.Text.Json.JsonSerializer.Deserialize<WorkshopStarted>(old.ToJsonString(), Json.Options)!.Version);
    }
}
