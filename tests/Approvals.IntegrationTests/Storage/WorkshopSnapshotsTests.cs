using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using static Approvals.IntegrationTests.Infrastructure.StorageCounts;

namespace Approvals.IntegrationTests.Storage;

/// <summary>A workflow step written against the ETag of the row this process last stored, on the run's Azurite: no read
/// first, and never over a write it did not see (another server's, or a stuck mark), nor over a newer step.</summary>
[Collection(SharedServer.Workshops)]
public sealed class WorkshopSnapshotsTests(AppServer server)
{
    // The shared server's fixture starts the run's Azurite; the stores are driven directly.
    private readonly AppServer started = server;
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task AStepAfterThisProcessStoredTheWorkshopReadsNothingFirstAndIsStored()
    {
        var (store, counts) = Store();
        var id = await CreateAsync(store);
        var before = counts.Snapshot();

        Assert.NotNull(await store.ApplyAsync(Step(id, 1, Stage.Nominations)));
        Assert.NotNull(await store.ApplyAsync(Step(id, 2, Stage.Nominations, "MOHRSS")));

        var after = counts.Snapshot();
        Assert.Equal(0, Delta(before, after, "table/Workshops point read"));
        // Each step is one transaction: its snapshot and its audit line.
        Assert.Equal(2, Delta(before, after, "table/$batch batch"));
        var stored = await Store().Store.GetAsync(id);
        Assert.Equal(Stage.Nominations, stored!.Stage);
        Assert.Equal(["MOHRSS"], stored.Pending.Select(p => p.Party));
    }

    [Fact]
    public async Task AWriteThisProcessDidNotSeeIsReadAndTheStepAppliedOnTopOfIt()
    {
        var (store, counts) = Store();
        var id = await CreateAsync(store);
        // Another server marks the step stuck: this process's ETag is now stale.
        var other = Store().Store;
        await other.SetStuckAsync(id, new StuckStep("s1", "RecordStep", "SMTP refused", now));
        Assert.Contains(id, (await other.ListStuckAsync(500)).Select(w => w.Id));
        var before = counts.Snapshot();

        var applied = await store.ApplyAsync(Step(id, 1, Stage.Nominations));

        var after = counts.Snapshot();
        Assert.Equal(1, Delta(before, after, "table/Workshops point read"));
        Assert.Null(applied!.Stuck);
        var stored = await other.GetAsync(id);
        Assert.Equal(Stage.Nominations, stored!.Stage);
        Assert.Null(stored.Stuck);
        // The stuck mark was read before the step was applied, so the step also took the workshop off the stuck list.
        Assert.DoesNotContain(id, (await other.ListStuckAsync(500)).Select(w => w.Id));
    }

    [Fact]
    public async Task AnOlderStepRedeliveredAfterANewerOneChangesNothing()
    {
        var (store, _) = Store();
        var id = await CreateAsync(store);
        Assert.NotNull(await store.ApplyAsync(Step(id, 2, Stage.DonorSignOff)));

        Assert.Null(await store.ApplyAsync(Step(id, 1, Stage.Nominations)));

        Assert.Equal(Stage.DonorSignOff, (await Store().Store.GetAsync(id))!.Stage);
    }

    private static (WorkshopStore Store, StorageRequestCounts Counts) Store()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var store = new WorkshopStore(TestAzurite.Tables(counts), TimeProvider.System);
        return (store, counts);
    }

    private async Task<string> CreateAsync(WorkshopStore store)
    {
        var id = $"ws-snap-{Guid.NewGuid():N}"[..24];
        Assert.True(await store.CreateAsync(new WorkshopRecord(id, "Snapshot check", Stage.InternalReview, 0, now, now, MailTestData.Proposal(), [])));
        return id;
    }

    private ProgressUpdate Step(string id, long sequence, Stage stage, string party = "MFA") =>
        new(id, stage, 0, new AuditEntry(Guid.NewGuid().ToString("N"), now.AddSeconds(sequence), stage, AuditActions.Approved, "project.manager@iom.example.org"),
            [new PendingRequest(Role.FocalPoint, party, now.AddDays(7))]) { Sequence = sequence };
}
