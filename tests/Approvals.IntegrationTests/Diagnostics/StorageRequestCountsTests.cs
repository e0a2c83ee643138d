using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Diagnostics;

/// <summary>The counts a load test reads: off as shipped, and when turned on they show what a submission cost, by
/// table and queue, the task hub's own requests included.</summary>
[Collection(nameof(OwnServers))]
public sealed class StorageRequestCountsTests(OwnAzurite azurite)
{
    [Fact]
    public async Task WithCountingOnASubmissionShowsItsTablesAndTheTaskHubAndTheRouteNeedsTheKey()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Approvals__ApiKeys__0"] = AppServer.ApiKey,
            ["Approvals__Diagnostics__CountStorageRequests"] = "true",
        }, storage: azurite.ConnectionString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("api/diagnostics/storage-requests")).StatusCode);
        server.Http.DefaultRequestHeaders.Add("x-functions-key", AppServer.ApiKey);
        var before = await CountsAsync(server);

        using var submitted = await server.Http.PostAsync("api/workshops",
            new StringContent(AppServer.ReferenceProposal().ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var after = await Eventually.Until(() => CountsAsync(server),
            c => Grew(before, c, "table/Workshops") && Grew(before, c, $"table/{server.TaskHub}Instances"), TimeSpan.FromSeconds(30),
            c => "counts after the submission: " + c.ToJsonString());

        Assert.True(after["total"]!.GetValue<long>() > before["total"]!.GetValue<long>());
        Assert.Contains(after["byResource"]!.AsObject(), p => p.Key.StartsWith($"queue/{server.TaskHub!.ToLowerInvariant()}-control-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsShippedNothingIsCountedAndTheRouteSaysHowToTurnItOn()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?> { ["Approvals__ApiKeys__0"] = AppServer.ApiKey },
            storage: azurite.ConnectionString);
        server.Http.DefaultRequestHeaders.Add("x-functions-key", AppServer.ApiKey);

        using var response = await server.Http.GetAsync("api/diagnostics/storage-requests");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Approvals:Diagnostics:CountStorageRequests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> CountsAsync(ServerProcess server) =>
        (await server.Http.GetFromJsonAsync<JsonObject>("api/diagnostics/storage-requests"))!;

    private static bool Grew(JsonObject before, JsonObject after, string resource) =>
        (after["byResource"]?[resource]?.GetValue<long>() ?? 0) > (before["byResource"]?[resource]?.GetValue<long>() ?? 0);
}
