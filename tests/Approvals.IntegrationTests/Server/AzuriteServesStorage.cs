using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Azurite;
using Approvals.Server.Hosting;
using Azure.Data.Tables;

namespace Approvals.IntegrationTests.Server;

public class AzuriteServesStorage
{
    [Fact]
    public async Task ATableEntityWrittenCanBeReadBack()
    {
        var table = new TableClient(TestAzurite.ConnectionString, TestAzurite.UniqueName("Smoke"));
        await table.CreateAsync();

        await table.AddEntityAsync(new TableEntity("workshop", "1") { ["Title"] = "International Migration Law" });

        var read = await table.GetEntityAsync<TableEntity>("workshop", "1");
        Assert.Equal("International Migration Law", read.Value.GetString("Title"));
    }

    [Fact]
    public async Task DataInALocationSurvivesARestartOfAzurite()
    {
        var location = Directory.CreateTempSubdirectory("azurite-").FullName;
        try
        {
            var ports = LoopbackPorts.GetFree(3);
            var options = new AzuriteOptions { BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2], Location = location };
            var tableName = TestAzurite.UniqueName("Kept");

            using (var first = AzuriteProcess.Start(options))
            {
                var table = new TableClient(first.ConnectionString, tableName);
                await table.CreateAsync();
                await table.AddEntityAsync(new TableEntity("workshop", "1") { ["Stage"] = "InternalReview" });
            }

            Assert.DoesNotContain(options.Ports, LoopbackPorts.IsListening);
            using var second = AzuriteProcess.Start(options);
            var kept = await new TableClient(second.ConnectionString, tableName).GetEntityAsync<TableEntity>("workshop", "1");
            Assert.Equal("InternalReview", kept.Value.GetString("Stage"));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }
}
