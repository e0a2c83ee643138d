using System.Diagnostics;
using Approvals.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Approvals.Server.Azurite;

/// <summary>An Azurite (Blob, Queue, Table) child process on 127.0.0.1, stopped by its own pid; it closes (and saves)
/// when its owner stops it or dies.</summary>
public sealed class AzuriteProcess : IDisposable
{
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
        var start = StartInfo(options, logger);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var started = Stopwatch.StartNew();
        var azurite = new AzuriteProcess(AzuriteInstallation.StartOrExplain(start), options, logger);
        try
        {
            WaitUntilListening(options, started, () => azurite.process.HasExited ? $"with code {azurite.process.ExitCode}" : null, azurite.RecentOutput);
        }
        catch
        {
            azurite.Dispose();
            throw;
        }

        LogListening(logger, azurite.ProcessId, options, started);
        return azurite;
    }

    internal static void LogListening(ILogger logger, int processId, AzuriteOptions options, Stopwatch started) =>
        logger.LogInformation(
            "Azurite (pid {Pid}) listening on 127.0.0.1 ports {BlobPort}/{QueuePort}/{TablePort}, data {Location}, after {Elapsed} ms",
            processId, options.BlobPort, options.QueuePort, options.TablePort, options.Location ?? "in memory", started.ElapsedMilliseconds);

    /// <summary>How to run the launcher with Azurite's flags, after checking the ports are free and Azurite installed.</summary>
    internal static ProcessStartInfo StartInfo(AzuriteOptions options, ILogger logger)
    {
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
            Environment = { [AzuriteLauncher.ScriptVariable] = script },
        };
        foreach (var argument in Arguments(options))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    static IEnumerable<string> Arguments(AzuriteOptions options)
    {
        string[] fixedArguments =
        [
            "-e", AzuriteLauncher.Script, "--",
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

    /// <summary>Returns once all three ports accept connections; throws with Azurite's output when it exits first
    /// (<paramref name="exited"/> says how, or null while it runs) or takes longer than the start timeout.</summary>
    internal static void WaitUntilListening(AzuriteOptions options, Stopwatch started, Func<string?> exited, Func<string> output)
    {
        while (!options.Ports.All(LoopbackPorts.IsListening))
        {
            if (exited() is { } how)
            {
                throw new InvalidOperationException($"Azurite exited {how} before listening.{Environment.NewLine}{output()}");
            }

            if (started.Elapsed > options.StartTimeout)
            {
                throw new TimeoutException(
                    $"Azurite did not listen on 127.0.0.1 ports {string.Join(", ", options.Ports)} within " +
                    $"{options.StartTimeout.TotalSeconds:0} s.{Environment.NewLine}{output()}");
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
                // Closing stdin makes the launcher close Azurite, which saves its data files.
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
