using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Storage;

/// <summary>The lists of workshops, on the run's Azurite: a step writes the workshop's one index row, and every list
/// (a stage's, the overdue ones, the counts) shows the workshop where its last step left it.</summary>
[Collection(SharedServer.Workshops)]
public sealed class WorkshopIndexTests(AppServer server)
{
    // The shared server's fixture starts the run's Azurite; the store is driven directly.
    private readonly AppServer started = server;

    [Fact]
    public async Task AStepWritesOneIndexRowAndTheStagesListsShowTheWorkshopOnlyWhereItIsNow()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var store = new WorkshopStore(TestAzurite.Tables(counts), TimeProvider.System);
        var id = $"ws-index-{Guid.NewGuid():N}"[..24];
        var title = $"Index check {Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateAsync(new WorkshopRecord(id, title, Stage.InternalReview, 0, now, now, MailTestData.Proposal() with { Title = title }, [])));
        Assert.Equal([id], await ListedAsync(store, Stage.InternalReview, title));
        var before = counts.Snapshot();

        await store.ApplyAsync(new ProgressUpdate(id, Stage.Nominations, 0, new AuditEntry(Guid.NewGuid().ToString("N"), now, Stage.Nominations, AuditActions.Approved, "project.manager@iom.example.org"),
            [new PendingRequest(Role.FocalPoint, "MFA", now.AddHours(-1))]) { Sequence = 1, Previous = Stage.InternalReview });

        var after = counts.Snapshot();
        // Before, each step also wrote a row in its stage's partition and deleted the one in the stage it left.
        Assert.Equal(1, after.ByResource.GetValueOrDefault("table/WorkshopIndex") - before.ByResource.GetValueOrDefault("table/WorkshopIndex"));
        Assert.Empty(await ListedAsync(store, Stage.InternalReview, title));
        Assert.Equal([id], await ListedAsync(store, Stage.Nominations, title));
        Assert.Equal([id], await ListedAsync(store, null, title));
        var overdue = await store.ListAsync(new WorkshopFilter(Stage.Nominations, OverdueOnly: true, Text: title), null, 50);
        Assert.Equal([id], overdue.Page.Items.Select(w => w.Id));
        Assert.True((await store.CountByStageAsync())[Stage.Nominations] >= 1);
    }

    private static async Task<List<string>> ListedAsync(WorkshopStore store, Stage? stage, string title) =>
        (await store.ListAsync(new WorkshopFilter(stage, Text: title), null, 50)).Page.Items.Select(w => w.Id).ToList();
}
