using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Approvals.IntegrationTests.Server;

public class HostJsonSettingsAreApplied
{
    static string RootHostJson => Path.Combine(ServerProcess.RepositoryRoot(), "host.json");

    [Fact]
    public void TheDurableSettingsAreReadFromTheRootHostJson()
    {
        var settings = DurableHostSettings.Load(RootHostJson);

        Assert.Equal("ApprovalsHub", settings.HubName);
        Assert.Equal(4, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaxQueuePollingInterval);
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
        await using var server = await ServerProcess.StartAsync(taskHub: null);

        var tables = new TableServiceClient(TestAzurite.ConnectionString);
        Assert.True(await TableExistsAsync(tables, "ApprovalsHubInstances"));
        var queues = new QueueServiceClient(TestAzurite.ConnectionString);
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
        await using var server = await ServerProcess.StartAsync();

        Assert.True(await TableExistsAsync(new TableServiceClient(TestAzurite.ConnectionString), $"{server.TaskHub}Instances"));
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
