using System.Diagnostics;
using System.Reflection;
using Approvals.Server.Durable;
using Approvals.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>
/// The real server (the built Approvals.Server.dll) as a child process on a free 127.0.0.1 port, over
/// <see cref="TestAzurite"/> (or the storage it is given) with a task hub of its own. It can be killed like a crash and started
/// again with the same settings; <see cref="DurableClient"/> talks to its Durable Task sidecar.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    readonly Dictionary<string, string?> environment;
    readonly ServiceProvider clientServices;
    ChildProcess? process;

    /// <param name="environment">Extra variables, e.g. <c>Approvals__Timing__ReviewTimeout</c>; null removes one.</param>
    /// <param name="taskHub">The task hub; by default a fresh one. Pass null to use host.json's hubName.</param>
    /// <param name="storage">A connection string; by default the shared <see cref="TestAzurite"/>.</param>
    public ServerProcess(IReadOnlyDictionary<string, string?>? environment = null, string? taskHub = "", string? storage = null)
    {
        var ports = LoopbackPorts.GetFree(2);
        BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/");
        SidecarPort = ports[1];
        TaskHub = taskHub == "" ? TestAzurite.UniqueName("Test") : taskHub;
        this.environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = storage ?? TestAzurite.ConnectionString,
            ["Approvals__TaskHub"] = TaskHub,
            ["Approvals__Durable__SidecarPort"] = $"{SidecarPort}",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            this.environment[name] = value;
        }

        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        clientServices = new ServiceCollection()
            .AddLogging()
            .AddDurableTaskClient(client => client.UseGrpc($"http://127.0.0.1:{SidecarPort}"))
            .BuildServiceProvider();
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>Null when the server uses host.json's hubName.</summary>
    public string? TaskHub { get; }

    public int SidecarPort { get; }

    /// <summary>A Durable Task client connected through the server's own sidecar; it survives restarts.</summary>
    public DurableTaskClient DurableClient => clientServices.GetRequiredService<DurableTaskClient>();

    public int ProcessId => process?.Id ?? throw new InvalidOperationException("The server is not running.");

    public TimeSpan LastStartTime { get; private set; }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, string? taskHub = "", string? storage = null)
    {
        var server = new ServerProcess(environment, taskHub, storage);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) and returns once it answers HTTP.</summary>
    public async Task StartAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("The server is already running.");
        }

        process?.Dispose();
        var dll = ServerDll();
        var started = Stopwatch.StartNew();
        var server = process = ChildProcess.Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.GetDirectoryName(dll)!,
            [dll, "--urls", BaseAddress.GetLeftPart(UriPartial.Authority)], environment);

        await Eventually.Until(
            async () =>
            {
                if (!server.HasExited) return await AnswersAsync();
                await server.WaitForExitAsync(TimeSpan.FromSeconds(5)); // reads the rest of its output
                throw new InvalidOperationException($"The server exited with code {server.ExitCode} while starting:{Environment.NewLine}{Output()}");
            },
            answers => answers, StartTimeout,
            _ => $"The server did not answer on {BaseAddress} within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{Output()}",
            TimeSpan.FromMilliseconds(100));
        LastStartTime = started.Elapsed;
    }

    async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await Http.GetAsync("api/ping");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Kills the server at once, as a crash would (nothing gets to shut down cleanly).</summary>
    public void Kill() => process?.Kill();

    /// <summary>Waits for the running server to exit by itself (e.g. after a signal).</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) =>
        (process ?? throw new InvalidOperationException("The server was never started.")).WaitForExitAsync(timeout);

    /// <summary>The last lines the server printed, for assertion messages.</summary>
    public string Output() => process?.Output ?? "";

    public async ValueTask DisposeAsync()
    {
        process?.Dispose();
        Http.Dispose();
        await clientServices.DisposeAsync();
    }

    /// <summary>src/Approvals.Server/bin/&lt;this build's configuration&gt;/net10.0/Approvals.Server.dll.</summary>
    static string ServerDll()
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Approvals.Server", "bin", configuration, framework, "Approvals.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: {dll} is missing.", dll);
    }
}
