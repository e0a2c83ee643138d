using Approvals.Server.Azurite;
using Azure.Data.Tables;

namespace Approvals.Benchmarks;

/// <summary>What one table request costs the emulator as its table fills: the same partition read (10 rows) and point
/// read, timed in Azurite's CPU, with 100 rows stored and then with as many as a task hub's history holds at N=1000.
/// Azurite filters every query in JavaScript over all the rows of the table; the table service reads the partition
/// from its index, so there the cost does not grow with the table.</summary>
public static class EmulatorProbe
{
    private const int Reads = 400;
    private const int RowsPerPartition = 10;
    private static readonly int[] Sizes = [100, 1_000, 10_000, 50_000];

    public sealed record Cost(int RowsStored, double QueryMs, double PointReadMs, double TwoWritesMs, double BatchOfTwoMs);

    public static async Task<IReadOnlyList<Cost>> RunAsync(Progress progress)
    {
        var ports = FreePorts.Get(3);
        using var azurite = AzuriteProcess.Start(new AzuriteOptions
        {
            BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2], Location = null,
            RepositoryRoot = BenchServer.RepositoryRoot(), StopGracePeriod = TimeSpan.FromSeconds(1),
        });
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("Probe");
        await table.CreateIfNotExistsAsync();
        var payload = new string('x', 600); // about a history row's size
        var costs = new List<Cost>();
        var stored = 0;
        foreach (var size in Sizes)
        {
            for (; stored < size; stored += RowsPerPartition)
            {
                var partition = $"p{stored / RowsPerPartition:D6}";
                await table.SubmitTransactionAsync(Enumerable.Range(0, RowsPerPartition).Select(r =>
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"r{r:D3}") { ["Data"] = payload })));
            }

            progress.Say("emulator", $"{stored} rows stored, timing {Reads} of each request");
            // The first round runs Azurite's code cold (its JIT), so it is measured a second time.
            if (costs.Count == 0) await MeasureAsync(azurite.ProcessId, table, payload, stored);
            costs.Add(await MeasureAsync(azurite.ProcessId, table, payload, stored));
        }

        progress.EndLine();
        return costs;
    }

    private static async Task<Cost> MeasureAsync(int pid, TableClient table, string payload, int stored)
    {
        var query = await CpuMsPerCallAsync(pid, async () =>
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p000003"}"))) { }
        });
        var point = await CpuMsPerCallAsync(pid, () => table.GetEntityAsync<TableEntity>("p000003", "r004"));

        // A step's snapshot and audit line: two upserts one after the other, or one transaction of both.
        var two = await CpuMsPerCallAsync(pid, async () =>
        {
            await table.UpsertEntityAsync(new TableEntity("p000004", "r001") { ["Data"] = payload }, TableUpdateMode.Replace);
            await table.UpsertEntityAsync(new TableEntity("p000004", "r002") { ["Data"] = payload }, TableUpdateMode.Replace);
        });
        var batch = await CpuMsPerCallAsync(pid, () => table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p000005", "r001") { ["Data"] = payload }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p000005", "r002") { ["Data"] = payload })]));
        return new Cost(stored, query, point, two, batch);
    }

    private static async Task<double> CpuMsPerCallAsync(int pid, Func<Task> call)
    {
        await call();
        var before = ProcStats.CpuSeconds(pid);
        for (var i = 0; i < Reads; i++) await call();
        return (ProcStats.CpuSeconds(pid) - before) * 1000 / Reads;
    }
}
