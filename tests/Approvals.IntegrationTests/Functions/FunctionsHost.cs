using System.Text.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Approvals.IntegrationTests.Functions;

/// <summary>
/// The services the Functions app's Program builds — the library's <c>AddApprovals</c> — configured as <c>func start</c>
/// would be from local.settings.example.json (in Development), with storage pointed at <see cref="TestAzurite"/>.
/// Function classes are created from them per call, as the Functions worker does.
/// </summary>
public sealed class FunctionsHost : IAsyncLifetime
{
    IHost host = null!;

    public IServiceProvider Services => host.Services;

    public static string ExampleSettingsPath =>
        Path.Combine(ServerProcess.RepositoryRoot(), "src", "Approvals.Functions", "local.settings.example.json");

    /// <summary>The <c>Values</c> of local.settings.example.json, which Core Tools turns into environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ExampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ExampleSettingsPath));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = FunctionsOutput.Folder,
        });

        // Environment variables name sections with "__"; configuration reads them with ":".
        builder.Configuration.AddInMemoryCollection(ExampleSettings().Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.Configuration[StorageAccount.ConnectionKey] = TestAzurite.ConnectionString;
        builder.Services.AddLogging();
        builder.Services.AddApprovals(builder.Configuration);
        host = builder.Build();
        await host.StartAsync();
    }

    /// <summary>A function class with its constructor dependencies, as the worker creates one per invocation.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public object Create(Type type) => ActivatorUtilities.CreateInstance(Services, type);

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
