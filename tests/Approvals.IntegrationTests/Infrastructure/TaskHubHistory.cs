using Azure.Data.Tables;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>What the task hub's own history holds for one orchestration, read from its <c>{hub}History</c> table.</summary>
internal static class TaskHubHistory
{
    /// <summary>How many events of <paramref name="eventType"/> (named <paramref name="name"/>, when given) it holds.</summary>
    public static async Task<int> CountAsync(AppServer server, string id, string eventType, string? name = null)
    {
        var history = new TableClient(TestAzurite.ConnectionString, $"{server.Process.TaskHub}History");
        var filter = name is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {id} and EventType eq {eventType}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {id} and EventType eq {eventType} and Name eq {name}");
        var n = 0;
        await foreach (var _ in history.QueryAsync<TableEntity>(filter, select: ["RowKey"])) n++;
        return n;
    }
}
