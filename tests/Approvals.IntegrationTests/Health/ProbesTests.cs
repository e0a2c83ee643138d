using System.Net;
using Approvals.Functions.Http;
using Approvals.IntegrationTests.Functions;
using Approvals.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Approvals.IntegrationTests.Health;

/// <summary>What a platform probe (or an operator with curl) sees on a healthy deployment, in both hosts, without a key.</summary>
[Collection(SharedServer.Links)]
public sealed class ProbesTests(AppServer server, FunctionsHost functions) : IClassFixture<FunctionsHost>
{
    static readonly HttpClient Anonymous = new();

    Uri At(string path) => new(server.Process.BaseAddress, path);

    [Theory]
    [InlineData("api/healthz")]
    [InlineData("healthz")]
    public async Task LivenessAnswersWithoutAKey(string path)
    {
        using var response = await Anonymous.GetAsync(At(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var answer = HealthAnswerJson.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(("Healthy", "Healthy"), (answer.Status, answer.StatusOf("process")));
    }

    [Theory]
    [InlineData("api/readyz")]
    [InlineData("readyz")]
    public async Task ReadinessListsStorageTheDurableWorkerAndTheOutbox(string path)
    {
        using var response = await Anonymous.GetAsync(At(path));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = HealthAnswerJson.Parse(body);
        Assert.Equal(["durable", "durable-worker", "outbox", "storage"], answer.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Healthy", "Healthy", "Healthy"], new[] { "storage", "durable", "durable-worker" }.Select(answer.StatusOf));

        // Other tests on this storage may have left mail in the poison queue: a backlog is Degraded, never Unhealthy.
        Assert.NotEqual("Unhealthy", answer.StatusOf("outbox"));
        var outbox = answer.Checks["outbox"].GetProperty("data");
        Assert.True(outbox.GetProperty("depth").GetInt32() >= 0);
        Assert.True(outbox.GetProperty("oldestMessageAgeSeconds").GetDouble() >= 0);
        Assert.True(outbox.GetProperty("poisonDepth").GetInt32() >= 0);
    }

    [Fact]
    public async Task TheFunctionsRunTheSameChecksThroughTheHostsClient()
    {
        var live = await functions.CallAsync<HealthFunctions>(HttpMethods.Get, "/api/healthz", [], (f, req) => f.CheckLiveness(req));
        var ready = await functions.CallAsync<HealthFunctions>(HttpMethods.Get, "/api/readyz", [],
            (f, req) => f.CheckReadiness(req, server.Process.DurableClient));

        Assert.True(live.Status == StatusCodes.Status200OK, live.ToString());
        Assert.True(ready.Status == StatusCodes.Status200OK, ready.ToString());
        var answer = HealthAnswerJson.Parse(ready.Body);
        Assert.Equal(["durable", "outbox", "storage"], answer.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Healthy", "Healthy"), (answer.StatusOf("storage"), answer.StatusOf("durable")));
    }
}
