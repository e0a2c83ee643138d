extern alias server;

using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Functions;

/// <summary>One HTTP verb on one path template, as both hosts declare it: <c>GET /api/workshops/{id}</c> (no trailing
/// slash: routing matches with or without one).</summary>
public sealed record HttpRoute(string Verb, string Path) : IComparable<HttpRoute>
{
    public const string AnyVerb = "*";

    public override string ToString() => $"{Verb} {Path}";

    public int CompareTo(HttpRoute? other) =>
        other is null ? 1 : string.CompareOrdinal(Path, other.Path) is var byPath and not 0 ? byPath : string.CompareOrdinal(Verb, other.Verb);

    /// <summary>A concrete address for the template, every parameter filled with <paramref name="value"/>.</summary>
    public string Sample(string value = "x") =>
        string.Join('/', Path.Split('/').Select(s => s.StartsWith('{') && s.EndsWith('}') ? value : s));
}

/// <summary>
/// The server's own Program (Approvals.Server's entry point, everything it maps, /api/ping included) run in-process on a
/// test server, over <see cref="TestAzurite"/> with a task hub of its own; its route table is read from the endpoint
/// data source ASP.NET Core routes with.
/// </summary>
public sealed class ServerRouteTable : IAsyncLifetime
{
    readonly WebApplicationFactory<server::Program> factory = new WebApplicationFactory<server::Program>()
        .WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0")
            .UseSetting("AzureWebJobsStorage", TestAzurite.ConnectionString)
            .UseSetting(DurableSidecarExtensions.TaskHubSetting, TestAzurite.UniqueName("Routes"))
            .UseSetting("Approvals:ApiKeys:0", AppServer.ApiKey)
            // It shares the run's storage with the shared server: its background jobs would take that server's mail off
            // the queue (with other links: another signing key) and re-raise decisions into a task hub of its own.
            .ConfigureServices(services =>
            {
                foreach (var job in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                    && d.ImplementationType?.Namespace == "Approvals.Server.Hosting").ToList())
                {
                    services.Remove(job);
                }
            }));

    public IReadOnlyList<HttpRoute> Routes { get; private set; } = [];

    /// <summary>A client of the in-process server (no key unless a request adds one).</summary>
    public HttpClient CreateClient() => factory.CreateClient();

    public async Task InitializeAsync()
    {
        // No wait for the Durable worker: the server must also stop cleanly before its worker has connected
        // (SidecarHost guards that; without the guard stopping this factory ends the test process).
        await Task.Yield();
        Routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpRoute.AnyVerb])
                .Select(verb => new HttpRoute(verb.ToUpperInvariant(), "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'))))
            .Distinct()
            .ToList();
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
