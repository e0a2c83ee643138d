using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Storage;
using Azure.Data.Tables;
using static Approvals.IntegrationTests.Infrastructure.StorageCounts;

namespace Approvals.IntegrationTests.Storage;

/// <summary>The ministries' lists as the workflow stores them, on the run's Azurite: the list on file is always one
/// whole list, a replaced list leaves no row behind, and a list of the usual size costs one read and one write.</summary>
[Collection(SharedServer.Workshops)]
public sealed class NominationStoreTests(AppServer server)
{
    // The shared server's fixture starts the run's Azurite; the store is driven directly.
    private readonly AppServer started = server;

    private const string Ministry = "Ministry of Public Security";

    [Fact]
    public async Task AReplacedListIsTheOnlyOneOnFileAndCostsOneReadAndOneTransaction()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var store = Store(counts);
        var id = $"ws-store-{Guid.NewGuid():N}"[..24];
        await store.SaveAsync(id, SlateOf(3, "first"), "token-1");
        var before = counts.Snapshot();

        await store.SaveAsync(id, SlateOf(2, "second"), "token-2");

        var after = counts.Snapshot();
        Assert.Equal(1, Delta(before, after, "table/Nominations query"));
        Assert.Equal(1, Delta(before, after, "table/$batch batch"));
        Assert.Equal(2, after.Total - before.Total);
        var slate = Assert.Single(await store.ListAsync(id));
        Assert.Equal(["Official second 0", "Official second 1"], slate.Nominees.Select(n => n.Name));
        Assert.Equal(3, await RowsAsync(id)); // the ministry's row and its two nominees: the first list's three are gone
    }

    [Fact]
    public async Task AMinistrysFirstListIsOneTransactionAndAListAlreadyOnFileIsStillReplacedWhole()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var store = Store(counts);
        var id = $"ws-store-{Guid.NewGuid():N}"[..24];
        Assert.Empty(await store.ListAsync(id)); // and the store has made sure of its table
        var before = counts.Snapshot();

        await store.SaveAsync(id, SlateOf(3, "first"), "token-1", first: true);

        var after = counts.Snapshot();
        Assert.Equal(1, after.Total - before.Total);
        Assert.Equal(3, Assert.Single(await store.ListAsync(id)).Nominees.Count);

        // The same step retried, or a list on file after all: the added row conflicts, nothing of that try is kept,
        // and the list replaces the one on file.
        await store.SaveAsync(id, SlateOf(3, "first"), "token-1", first: true);
        await store.SaveAsync(id, SlateOf(2, "second"), "token-2", first: true);

        Assert.Equal(["Official second 0", "Official second 1"], Assert.Single(await store.ListAsync(id)).Nominees.Select(n => n.Name));
        Assert.Equal(3, await RowsAsync(id));
    }

    [Fact]
    public async Task AListTooLongForOneTransactionIsWrittenInOrderAndReplacedWhole()
    {
        var store = Store(new StorageRequestCounts(enabled: false));
        var id = $"ws-store-{Guid.NewGuid():N}"[..24];

        await store.SaveAsync(id, SlateOf(150, "long"), "token-1");
        Assert.Equal(150, Assert.Single(await store.ListAsync(id)).Nominees.Count);

        await store.SaveAsync(id, SlateOf(1, "short"), "token-2");
        await store.SaveAsync(id, SlateOf(1, "short"), "token-2"); // the same list again changes nothing

        Assert.Equal("Official short 0", Assert.Single(Assert.Single(await store.ListAsync(id)).Nominees).Name);
        Assert.Equal(2, await RowsAsync(id));
    }

    /// <summary>The store on the run's Azurite with a counter of this test's own.</summary>
    private static NominationStore Store(StorageRequestCounts counts) =>
        new(TestAzurite.Tables(counts));

    private static Slate SlateOf(int count, string tag) => new(Ministry,
        Enumerable.Range(0, count).Select(i => new Nominee($"Official {tag} {i}", null, "Division Director", Sex.Female, $"official.{i}.{tag}@gov.example.cn")).ToList(),
        Declined: false, "focal.point@mps.example.cn", DateTimeOffset.UtcNow);


    private static async Task<int> RowsAsync(string id)
    {
        var table = new TableClient(TestAzurite.ConnectionString, StorageNames.Nominations);
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"))) n++;
        return n;
    }
}
