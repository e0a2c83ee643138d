using System.Text;
using System.Text.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Approvals.Server.Hosting;
using Approvals.Storage;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Functions;

/// <summary>Both hosts ship the root host.json and take the same Durable Task settings from it; the library's queue
/// messages are in the encoding host.json gives the Functions queue trigger.</summary>
public sealed class HostJsonParityTests
{
    static string RootHostJson => Path.Combine(RepositoryRoot.Path, "host.json");

    /// <summary>The durable settings as the Durable Functions extension names them, read straight from the JSON.</summary>
    static (string? Hub, int? Partitions, TimeSpan? Polling, TimeSpan? ControlVisibility, TimeSpan? WorkItemVisibility) AsFunctionsReadsIt(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var durable = document.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var storage = durable.GetProperty("storageProvider");
        TimeSpan? Time(string name) => storage.TryGetProperty(name, out var v) ? TimeSpan.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
        return (durable.TryGetProperty("hubName", out var hub) ? hub.GetString() : null,
            storage.TryGetProperty("partitionCount", out var p) ? p.GetInt32() : null,
            Time("maxQueuePollingInterval"), Time("controlQueueVisibilityTimeout"), Time("workItemQueueVisibilityTimeout"));
    }

    [Fact]
    public void BothHostsReadTheSameHubAndPollingSettingsFromTheRootHostJson()
    {
        var root = AsFunctionsReadsIt(RootHostJson);
        Assert.True(root is { Hub: not null, Partitions: not null, Polling: not null, ControlVisibility: not null, WorkItemVisibility: not null },
            $"host.json must set every setting compared here: {root}");

        // The Functions app ships the root file itself (linked, copied to its output): Azure reads exactly this.
        Assert.Equal(File.ReadAllText(RootHostJson), File.ReadAllText(FunctionsOutput.HostJson));
        Assert.Equal(root, AsFunctionsReadsIt(FunctionsOutput.HostJson));

        // The server finds host.json beside itself, reads it with DurableHostSettings and applies it to Azure Storage.
        var serverFile = DurableHostSettings.FindHostJson(FunctionsOutput.ProjectOutput("Approvals.Server"));
        Assert.Equal(File.ReadAllText(RootHostJson), File.ReadAllText(serverFile));
        var applied = new AzureStorageOrchestrationServiceSettings();
        DurableHostSettings.Load(serverFile).ApplyTo(applied);
        Assert.Equal(root, (applied.TaskHubName, applied.PartitionCount, applied.MaxQueuePollingInterval,
            applied.ControlQueueVisibilityTimeout, applied.WorkItemQueueVisibilityTimeout));
    }

    [Fact]
    public void TheServersQueueWorkerRetriesAndPoisonsAsHostJsonTellsTheFunctionsHost()
    {
        var queues = new ConfigurationBuilder().AddJsonFile(FunctionsOutput.HostJson).Build().GetSection("extensions:queues");

        Assert.Equal(queues.GetValue<int>("maxDequeueCount"), new ApprovalsOptions().Mail.MaxDeliveries);
        // The Functions host moves a message that failed maxDequeueCount times to "<queue>-poison".
        Assert.Equal($"{StorageNames.NotificationsQueue}-poison", StorageNames.NotificationsPoisonQueue);
    }

    [Fact]
    public void TheFunctionsHostAddsTheSecurityHeadersToTheResponsesItWritesItself()
    {
        // A 401 for a missing function key, or a 404 for an unknown route, is written by the host, never by our code:
        // host.json's customHeaders give those the same headers the library puts on every response of ours.
        var configured = new ConfigurationBuilder().AddJsonFile(FunctionsOutput.HostJson).Build().GetSection("extensions:http:customHeaders")
            .GetChildren().ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
        var response = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        Approvals.Http.SecurityHeaders.Apply(response);

        Assert.Equal(response.Headers.ToDictionary(h => h.Key, h => (string?)h.Value.ToString(), StringComparer.OrdinalIgnoreCase).OrderBy(h => h.Key),
            configured.OrderBy(h => h.Key));
    }

    [Fact]
    public async Task QueueMessagesAreInTheEncodingHostJsonGivesTheQueueTrigger()
    {
        var encoding = new ConfigurationBuilder().AddJsonFile(FunctionsOutput.HostJson).Build()["extensions:queues:messageEncoding"];
        Assert.Equal("base64", encoding, ignoreCase: true);

        // The library's queue clients (as the outbox uses them) against a queue of this test's own.
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(StorageAccount.ConnectionKey, (string?)TestAzurite.ConnectionString)]).Build());
        var name = TestAzurite.UniqueName("encoding").ToLowerInvariant();
        var queue = account.Queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        try
        {
            await queue.SendMessageAsync("{\"kind\":\"ReviewRequest\",\"to\":\"项目经理@example.org\"}");

            var raw = (await new QueueClient(TestAzurite.ConnectionString, name).ReceiveMessageAsync()).Value;
            Assert.Equal("{\"kind\":\"ReviewRequest\",\"to\":\"项目经理@example.org\"}", Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString())));
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
        }
    }
}
