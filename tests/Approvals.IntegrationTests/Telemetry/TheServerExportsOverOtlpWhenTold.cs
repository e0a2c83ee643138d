extern alias server;

using System.Collections.Concurrent;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Approvals.IntegrationTests.Telemetry;

/// <summary>An operator who points the server at a collector with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> gets its telemetry
/// there. The collector here is a stand-in on 127.0.0.1 that only notes which signals arrive.</summary>
[Collection(nameof(OwnServers))]
public sealed class TheServerExportsOverOtlpWhenTold(OwnAzurite azurite)
{
    [Fact]
    public async Task TracesReachTheCollectorTheEndpointNames()
    {
        var received = new ConcurrentQueue<string>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await collector.StartAsync();

        var factory = new WebApplicationFactory<server::Program>()
            .WithWebHostBuilder(web => web
                .UseEnvironment("Development")
                .UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0")
                .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
                .UseSetting(DurableSidecarExtensions.TaskHubSetting, TestAzurite.UniqueName("Otlp"))
                .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Urls.First())
                .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        await using (factory)
        {
            using var http = factory.CreateClient();
            (await http.GetAsync("api/ping")).EnsureSuccessStatusCode();
        }

        // Stopping the server flushes what it has not sent yet.
        await Eventually.WaitFor(() => Task.FromResult(received.Contains("traces")), seconds: 30);
    }
}
