using System.Diagnostics;
using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Health;

/// <summary>
/// The storage account goes away under a running server: readiness says 503 and names storage, quickly, while liveness
/// still answers (the process is fine; restarting it would not help). The server refuses to start without storage
/// (it creates its tables first), so the test closes the storage ports under a server that started on them.
/// </summary>
[Collection(nameof(OwnServers))]
public sealed class ReadinessWhenStorageIsDownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReadinessIs503NamingStorageWithinSecondsAndLivenessStill200()
    {
        var azurite = TestAzurite.Start();
        var server = new AppServer([], azurite.ConnectionString);
        try
        {
            await server.InitializeAsync();
            using var probe = new HttpClient { BaseAddress = server.Process.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            await Eventually.Until(() => probe.GetAsync("readyz"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60),
                r => $"Never ready: {(int)r.StatusCode} {r.Content.ReadAsStringAsync().Result}");

            azurite.Dispose();
            var clock = Stopwatch.StartNew();
            using var ready = await probe.GetAsync("readyz");
            var took = clock.Elapsed;
            using var live = await probe.GetAsync("healthz");

            var body = await ready.Content.ReadAsStringAsync();
            output.WriteLine($"Storage down: readiness answered {(int)ready.StatusCode} in {took.TotalMilliseconds:0} ms: {body}");
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, body);
            var answer = HealthAnswerJson.Parse(body);
            Assert.Equal(("Unhealthy", "Unhealthy"), (answer.Status, answer.StatusOf("storage")));
            Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
            Assert.True(took < TimeSpan.FromSeconds(8), $"Readiness took {took.TotalSeconds:0.0} s to answer with storage down.");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
            azurite.Dispose();
        }
    }
}
