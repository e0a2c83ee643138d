using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Data.Tables;
using static Approvals.IntegrationTests.Infrastructure.StorageCounts;

namespace Approvals.IntegrationTests.Storage;

/// <summary>A workshop's audit lines in its own partition, on the run's Azurite: a step's line is written in one
/// transaction with its snapshot, and a workshop stored before the move still shows its earlier lines.</summary>
[Collection(SharedServer.Workshops)]
public sealed class AuditInPartitionTests(AppServer server)
{
    // The shared server's fixture starts the run's Azurite; the stores are driven directly.
    private readonly AppServer started = server;
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task AStepsLineIsWrittenWithItsSnapshotInOneTransactionAndListedWithThePagesLines()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var tables = TestAzurite.Tables(counts);
        var (store, audit) = (new WorkshopStore(tables, TimeProvider.System), new AuditLog(tables));
        var id = await CreateAsync(store);
        await audit.AppendAsync(id, Line("decision-via-link", now.AddSeconds(1), AuditActions.Approved));
        var before = counts.Snapshot();

        await store.ApplyAsync(Step(id, 1, Line("step-1", now.AddSeconds(2), AuditActions.Approved)));

        var after = counts.Snapshot();
        Assert.Equal(1, Delta(before, after, "table/$batch batch"));
        Assert.Equal(0, Delta(before, after, "table/Workshops write"));
        Assert.Equal(0, Delta(before, after, "table/Audit write"));
        Assert.Equal(1, Delta(before, after, "table/AuditByDay write"));
        Assert.Equal(["decision-via-link", "step-1"], (await audit.ListAsync(id)).Select(e => e.Id));
        Assert.Equal(Stage.Nominations, (await store.GetAsync(id))!.Stage);
        // The export across workshops still finds the step's line in the day index.
        var day = new List<string>();
        await foreach (var (workshop, entry) in audit.ListAsync(now, now.AddSeconds(3))) if (workshop == id) day.Add(entry.Id);
        Assert.Equal(["decision-via-link", "step-1"], day);
    }

    [Fact]
    public async Task AStepRetriedAfterItsSnapshotWasStoredStillLeavesOneLine()
    {
        var tables = TestAzurite.Tables(new StorageRequestCounts(enabled: false));
        var (store, audit) = (new WorkshopStore(tables, TimeProvider.System), new AuditLog(tables));
        var id = await CreateAsync(store);
        var step = Step(id, 1, Line("step-1", now.AddSeconds(2), AuditActions.Approved));
        await store.ApplyAsync(step);

        // Another process (no snapshot of its own) runs the same step again.
        await new WorkshopStore(tables, TimeProvider.System).ApplyAsync(step);

        Assert.Equal(["step-1"], (await audit.ListAsync(id)).Select(e => e.Id));
    }

    [Fact]
    public async Task AWorkshopStoredBeforeTheMoveShowsItsEarlierLinesFirstThenTheNewOnes()
    {
        var tables = TestAzurite.Tables(new StorageRequestCounts(enabled: false));
        var (store, audit) = (new WorkshopStore(tables, TimeProvider.System), new AuditLog(tables));
        var id = await CreateAsync(store);
        // As the earlier version left it: a snapshot row without the mark, and its lines in the Audit table.
        var workshops = await tables.GetAsync(StorageNames.Workshops);
        var row = (await workshops.GetEntityAsync<TableEntity>(id, "workshop")).Value;
        Assert.True(row.Remove("AuditInPartition"));
        await workshops.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var earlier = await tables.GetAsync(StorageNames.Audit);
        var submitted = Line("submitted", now, AuditActions.Submitted);
        await earlier.AddEntityAsync(new TableEntity(id, $"{now.UtcTicks:D19}-{submitted.Id}") { ["Entry"] = Approvals.Json.Store(submitted) });

        await new WorkshopStore(tables, TimeProvider.System).ApplyAsync(Step(id, 1, Line("step-1", now.AddSeconds(2), AuditActions.Approved)));

        Assert.Equal(["submitted", "step-1"], (await audit.ListAsync(id)).Select(e => e.Id));
    }

    private static async Task<string> CreateAsync(WorkshopStore store)
    {
        var id = $"ws-audit-{Guid.NewGuid():N}"[..24];
        var at = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateAsync(new WorkshopRecord(id, "Audit check", Stage.InternalReview, 0, at, at, MailTestData.Proposal(), [])));
        return id;
    }

    private static AuditEntry Line(string id, DateTimeOffset at, string action) =>
        new(id, at, Stage.InternalReview, action, "project.manager@iom.example.org");

    private ProgressUpdate Step(string id, long sequence, AuditEntry line) =>
        new(id, Stage.Nominations, 0, line, [new PendingRequest(Role.FocalPoint, "MFA", now.AddDays(7))]) { Sequence = sequence };
}
