using System.Diagnostics;
using Approvals.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Approvals.Server.Azurite;

/// <summary>An Azurite (Blob, Queue, Table) child process on 127.0.0.1, stopped by its own pid.</summary>
public sealed class AzuriteProcess : IDisposable
{
    // Runs azurite.js (which reads its flags from argv[2..]) so that only its owner stops it:
    // - it closes when its stdin ends, i.e. when the owner stops it, exits, crashes or is killed;
    // - it ignores Ctrl-C, which the terminal sends to the whole process group, so the owner can
    //   finish its own shutdown against storage first.
    const string Launcher = """
        const script = process.env.AZURITE_SCRIPT;
        process.argv.splice(1, 0, script);
        let close = () => process.exit(0);
        const once = process.once.bind(process);
        process.once = (event, handler) =>
            event === 'SIGINT' || event === 'SIGTERM' ? ((close = handler), process) : once(event, handler);
        const stop = () => {
            setTimeout(() => process.exit(0), 2500).unref();
            process.stdin.destroy();
            close();
        };
        process.on('SIGINT', () => {});
        process.on('SIGTERM', stop);
        process.stdin.on('end', stop).resume();
        require(script);
        """;

    readonly Process process;
    readonly ILogger logger;
    readonly OutputTail output;
    int stopped;

    AzuriteProcess(Process process, AzuriteOptions options, ILogger logger)
    {
        this.process = process;
        this.logger = logger;
        Options = options;
        output = OutputTail.Capture(process, 40);
    }

    public AzuriteOptions Options { get; }

    public int ProcessId => process.Id;

    public string ConnectionString => Options.ConnectionString;

    /// <summary>Starts Azurite and returns once all three ports accept connections.</summary>
    public static AzuriteProcess Start(AzuriteOptions options, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var busy = options.Ports.Where(LoopbackPorts.IsListening).ToList();
        if (busy.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot start Azurite: something already listens on 127.0.0.1 port(s) {string.Join(", ", busy)}.");
        }

        var root = options.RepositoryRoot ?? AzuriteInstallation.FindRepositoryRoot();
        var script = AzuriteInstallation.EnsureInstalled(root, logger);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["AZURITE_SCRIPT"] = script },
        };
        foreach (var argument in Arguments(options))
        {
            start.ArgumentList.Add(argument);
        }

        var started = Stopwatch.StartNew();
        var azurite = new AzuriteProcess(AzuriteInstallation.StartOrExplain(start), options, logger);
        try
        {
            azurite.WaitUntilListening(started);
        }
        catch
        {
            azurite.Dispose();
            throw;
        }

        logger.LogInformation(
            "Azurite (pid {Pid}) listening on 127.0.0.1 ports {BlobPort}/{QueuePort}/{TablePort}, data {Location}, after {Elapsed} ms",
            azurite.ProcessId, options.BlobPort, options.QueuePort, options.TablePort,
            options.Location ?? "in memory", started.ElapsedMilliseconds);
        return azurite;
    }

    static IEnumerable<string> Arguments(AzuriteOptions options)
    {
        string[] fixedArguments =
        [
            "-e", Launcher, "--",
            "--blobHost", "127.0.0.1", "--blobPort", $"{options.BlobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{options.QueuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{options.TablePort}",
            // The Storage SDKs we use send newer API versions than Azurite accepts (Azure.Storage.Queues 12.28 against Azurite 3.37).
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        ];
        if (options.Location is null)
        {
            return [.. fixedArguments, "--inMemoryPersistence"];
        }

        Directory.CreateDirectory(options.Location);
        return [.. fixedArguments, "--location", options.Location];
    }

    void WaitUntilListening(Stopwatch started)
    {
        while (!Options.Ports.All(LoopbackPorts.IsListening))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} before listening.{Environment.NewLine}{RecentOutput()}");
            }

            if (started.Elapsed > Options.StartTimeout)
            {
                throw new TimeoutException(
                    $"Azurite did not listen on 127.0.0.1 ports {string.Join(", ", Options.Ports)} within " +
                    $"{Options.StartTimeout.TotalSeconds:0} s.{Environment.NewLine}{RecentOutput()}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>The last lines Azurite wrote, for error messages.</summary>
    public string RecentOutput() => output.ToString();

    /// <summary>Asks Azurite to close (so it flushes its data files), then kills it after the grace period.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                // Closing stdin makes the launcher send Azurite its own SIGTERM.
                process.StandardInput.Close();
                if (!process.WaitForExit(Options.StopGracePeriod))
                {
                    logger.LogInformation("Azurite (pid {Pid}) did not close within {Grace}; killing it", ProcessId, Options.StopGracePeriod);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process has already gone.
        }
    }

    public void Dispose()
    {
        Stop();
        process.Dispose();
    }
}
