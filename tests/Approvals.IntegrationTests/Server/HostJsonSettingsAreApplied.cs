using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Approvals.IntegrationTests.Server;

[Collection(nameof(OwnServers))]
public class HostJsonSettingsAreApplied(OwnAzurite azurite)
{
    static string RootHostJson => Path.Combine(RepositoryRoot.Path, "host.json");

    [Fact]
    public void TheDurableSettingsAreReadFromTheRootHostJson()
    {
        var settings = DurableHostSettings.Load(RootHostJson);

        Assert.Equal("ApprovalsHub", settings.HubName);
        Assert.Equal(4, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.MaxQueuePollingInterval);
        Assert.Equal(10, settings.MaxConcurrentActivityFunctions);
        Assert.Equal(10, settings.MaxConcurrentOrchestratorFunctions);
    }

    [Fact]
    public void TheServerShipsTheSameHostJson()
    {
        var shipped = Path.Combine(Path.GetDirectoryName(typeof(DurableHostSettings).Assembly.Location)!, "host.json");

        Assert.Equal(DurableHostSettings.Load(RootHostJson), DurableHostSettings.Load(shipped));
    }

    [Fact]
    public async Task TheServerCreatesTheTaskHubThatHostJsonNames()
    {
        await using var server = await ServerProcess.StartAsync(taskHub: null, storage: azurite.ConnectionString);

        var tables = new TableServiceClient(azurite.ConnectionString);
        Assert.True(await TableExistsAsync(tables, "ApprovalsHubInstances"));
        var queues = new QueueServiceClient(azurite.ConnectionString);
        var controlQueues = new List<string>();
        await foreach (var queue in queues.GetQueuesAsync(prefix: "approvalshub-control-"))
        {
            controlQueues.Add(queue.Name);
        }

        Assert.Equal(4, controlQueues.Count);
    }

    [Fact]
    public async Task TheTaskHubSettingOverridesHostJson()
    {
        await using var server = await ServerProcess.StartAsync(storage: azurite.ConnectionString);

        Assert.True(await TableExistsAsync(new TableServiceClient(azurite.ConnectionString), $"{server.TaskHub}Instances"));
    }

    static async Task<bool> TableExistsAsync(TableServiceClient tables, string name)
    {
        await foreach (var _ in tables.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {name}")))
        {
            return true;
        }

        return false;
    }
}
