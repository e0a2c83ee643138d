using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Approvals.Benchmarks;

/// <summary>The Release server (src/Approvals.Server/bin/Release/net10.0/Approvals.Server.dll) as a child process on a
/// free 127.0.0.1 port, with its settings in the environment, as the integration tests run it; stopped by its pid.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string ApiKey = "benchmark-key";

    private readonly Process process;
    private readonly string? contentRoot;

    private BenchServer(Process process, Uri baseAddress, string? contentRoot)
    {
        this.process = process;
        this.contentRoot = contentRoot;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int ProcessId => process.Id;

    /// <param name="hostJson">A host.json to run with instead of the repository's (e.g. Durable's defaults).</param>
    /// <param name="publicBaseUrl">Where the links in mails point; this server by default.</param>
    public static async Task<BenchServer> StartAsync(string storage, string taskHub, int smtpPort, string signingKey, string? hostJson, Uri? publicBaseUrl = null)
    {
        var dll = ServerDll();
        var port = FreePorts.Get(1)[0];
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        string? contentRoot = null;
        if (hostJson is not null)
        {
            // The server reads host.json from its content root (its working directory), then beside the dll.
            contentRoot = Directory.CreateTempSubdirectory("approvals-bench-").FullName;
            File.WriteAllText(Path.Combine(contentRoot, "host.json"), hostJson);
            foreach (var settings in Directory.GetFiles(Path.GetDirectoryName(dll)!, "appsettings*.json"))
                File.Copy(settings, Path.Combine(contentRoot, Path.GetFileName(settings)));
        }

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = contentRoot ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--urls", baseAddress.GetLeftPart(UriPartial.Authority) }) info.ArgumentList.Add(a);
        var environment = new Dictionary<string, string>
        {
            // Development only for the plain-http loopback links; keys and mail are configured as in production.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = storage,
            ["Approvals__TaskHub"] = taskHub,
            ["Approvals__ApiKeys__0"] = ApiKey,
            ["Approvals__SigningKey"] = signingKey,
            ["Approvals__PublicBaseUrl"] = (publicBaseUrl ?? baseAddress).ToString(),
            ["Approvals__Mail__Smtp__Host"] = "127.0.0.1",
            ["Approvals__Mail__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Approvals__Diagnostics__CountStorageRequests"] = "true",
            // APPROVALS_BENCH_ORIGINS=1 also counts which code sent each request: a stack walk per request, so the run's
            // CPU figures are then not the shipped server's.
            ["Approvals__Diagnostics__CountStorageRequestOrigins"] = Environment.GetEnvironmentVariable("APPROVALS_BENCH_ORIGINS") == "1" ? "true" : "false",
            // Every simulated person comes from 127.0.0.1: one client's limit would be everyone's.
            ["Approvals__RateLimits__PerClient__Burst"] = "100000",
            ["Approvals__RateLimits__PerClient__PerMinute"] = "60000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        AddProfiling(environment, port);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var output = new OutputLog(process);
        var server = new BenchServer(process, baseAddress, contentRoot);
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{output}");
            if (started.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"The server did not answer within 120 s:\n{output}");
            try
            {
                using var ping = await server.Http.GetAsync("api/ping");
                if (ping.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The storage requests it counted since it started, by <c>service/name</c>.</summary>
    /// <summary>The server's storage requests so far by resource (<c>table/Workshops</c>) and by resource and kind
    /// (<c>table/Workshops point read</c>), in one dictionary.</summary>
    public async Task<Dictionary<string, long>> StorageRequestsAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonObject>("api/diagnostics/storage-requests")
            ?? throw new InvalidOperationException("No storage request counts.");
        return body["byResource"]!.AsObject().Concat(body["byOperation"]!.AsObject()).Concat(body["byOrigin"]!.AsObject())
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
    }

    /// <summary>Resident memory now and at its peak, in MiB, from /proc.</summary>
    public (double Now, double Peak) Memory() => ProcStats.Memory(process.Id);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!process.HasExited)
            {
                // SIGTERM first, by pid, so the server stops its workers cleanly; then the kill.
                using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                {
                    await term!.WaitForExitAsync();
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        if (contentRoot is not null) Directory.Delete(contentRoot, recursive: true);
    }

    /// <summary>With <c>APPROVALS_BENCH_TRACE</c> naming a folder, the server writes an EventPipe trace there
    /// (CPU samples plus the runtime's GC, JIT and exception events) as <c>server-PORT.nettrace</c>, closed when it
    /// stops; off by default because sampling costs the server CPU the figures are meant to measure.</summary>
    private static void AddProfiling(Dictionary<string, string> environment, int port)
    {
        var folder = Environment.GetEnvironmentVariable("APPROVALS_BENCH_TRACE");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        environment["DOTNET_EnableEventPipe"] = "1";
        environment["DOTNET_EventPipeOutputPath"] = Path.Combine(Path.GetFullPath(folder), $"server-{port}.nettrace");
        environment["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5";
    }

    private static string ServerDll()
    {
        var configuration = typeof(BenchServer).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "src", "Approvals.Server", "bin", configuration, "net10.0", "Approvals.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: {dll} is missing.", dll);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (no Approvals.sln above it).");
    }

    /// <summary>The last lines the server printed, for the message when it fails to start.</summary>
    private sealed class OutputLog
    {
        private readonly Queue<string> lines = new();

        public OutputLog(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        private void Add(string? line)
        {
            if (line is null) return;
            lock (lines)
            {
                lines.Enqueue(line);
                if (lines.Count > 100) lines.Dequeue();
            }
        }

        public override string ToString()
        {
            lock (lines) return string.Join(Environment.NewLine, lines);
        }
    }
}
