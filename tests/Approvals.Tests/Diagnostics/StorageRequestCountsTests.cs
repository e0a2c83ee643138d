using Approvals.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace Approvals.Tests.Diagnostics;

public sealed class StorageRequestCountsTests
{
    [Theory]
    [InlineData("table", "http://127.0.0.1:10002/devstoreaccount1/Workshops(PartitionKey='a',RowKey='b')", "table/Workshops")]
    [InlineData("table", "http://127.0.0.1:10002/devstoreaccount1/Workshops()?$filter=x", "table/Workshops")]
    [InlineData("table", "http://127.0.0.1:10002/devstoreaccount1/Tables", "table/Tables")]
    [InlineData("queue", "http://127.0.0.1:10001/devstoreaccount1/notifications/messages?visibilitytimeout=10", "queue/notifications")]
    [InlineData("queue", "https://account.queue.core.windows.net/approvalshub-control-00/messages", "queue/approvalshub-control-00")]
    [InlineData("table", "https://account.table.core.windows.net/SentMail(PartitionKey='x',RowKey='y')", "table/SentMail")]
    [InlineData("blob", "https://account.blob.core.windows.net/mailbox/2026/01/a.eml", "blob/mailbox")]
    public void EachRequestIsCountedUnderItsTableQueueOrContainer(string service, string uri, string expected) =>
        Assert.Equal(expected, StorageRequestCounts.ResourceOf(service, new Uri(uri)));

    [Theory]
    [InlineData("table", "GET", "http://127.0.0.1:10002/devstoreaccount1/Workshops(PartitionKey='a',RowKey='b')", "point read")]
    [InlineData("table", "GET", "http://127.0.0.1:10002/devstoreaccount1/Workshops()?$filter=x", "query")]
    [InlineData("table", "PATCH", "http://127.0.0.1:10002/devstoreaccount1/Workshops(PartitionKey='a',RowKey='b')", "write")]
    [InlineData("table", "POST", "http://127.0.0.1:10002/devstoreaccount1/$batch", "batch")]
    [InlineData("queue", "GET", "http://127.0.0.1:10001/devstoreaccount1/notifications/messages?numofmessages=32", "receive")]
    [InlineData("queue", "POST", "http://127.0.0.1:10001/devstoreaccount1/notifications/messages", "send")]
    [InlineData("queue", "DELETE", "http://127.0.0.1:10001/devstoreaccount1/notifications/messages/abc?popreceipt=x", "delete")]
    [InlineData("queue", "PUT", "http://127.0.0.1:10001/devstoreaccount1/notifications/messages/abc?popreceipt=x", "update")]
    public void EachRequestIsAlsoCountedByWhatItDid(string service, string method, string uri, string expected) =>
        Assert.Equal(expected, StorageRequestCounts.OperationOf(service, method, new Uri(uri)));

    [Fact]
    public async Task TheAppsClientsCountEveryRequestTheySendWhenCountingIsOn()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var account = StorageAccount.FromConfiguration(Configuration("true", Unreachable), counts);

        // Nothing listens there: each try is still a request the client sent.
        await Assert.ThrowsAnyAsync<Exception>(() => account.Tables.GetTableClient("Workshops").GetEntityIfExistsAsync<TableEntity>("a", "b"));

        Assert.True(counts.Snapshot().ByResource.GetValueOrDefault("table/Workshops") >= 1);
        Assert.Equal(counts.Snapshot().Total, counts.Snapshot().ByResource["table/Workshops"]);
        Assert.Equal(counts.Snapshot().Total, counts.Snapshot().ByOperation["table/Workshops point read"]);
    }

    [Fact]
    public void AsShippedNoPolicyIsAdded()
    {
        var counts = StorageRequestCounts.FromConfiguration(Configuration(null));
        var account = StorageAccount.FromConfiguration(Configuration(null), counts);

        Assert.False(counts.Enabled);
        Assert.Null(counts.PolicyFor("table"));
        Assert.Empty(counts.Snapshot().ByResource);
        Assert.NotNull(account.Tables);
    }

    private const string Unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;"
        + "TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    private static IConfiguration Configuration(string? count, string storage = "UseDevelopmentStorage=true") => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = storage,
        [StorageRequestCounts.Setting] = count,
    }).Build();
}
