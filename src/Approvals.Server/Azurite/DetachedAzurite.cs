using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Serialization;
using Approvals.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Approvals.Server.Azurite;

/// <summary>
/// An Azurite in a session of its own, recorded in its data folder (<see cref="RecordFile"/>), so that a crash of the
/// server leaves it running with everything it acknowledged and the next start of the server carries on with it.
/// Stopping it (SIGTERM, by pid) makes it save its data files first.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DetachedAzurite
{
    public const string RecordFile = "emulator.json";
    public const string LogFile = "azurite.log";

    readonly ILogger logger;
    int stopped;

    DetachedAzurite(int processId, AzuriteOptions options, bool reused, ILogger logger)
    {
        ProcessId = processId;
        Options = options;
        Reused = reused;
        this.logger = logger;
    }

    public int ProcessId { get; }

    public AzuriteOptions Options { get; }

    /// <summary>True when an earlier start of the server left it running and this one carries on with it.</summary>
    public bool Reused { get; }

    public string ConnectionString => Options.ConnectionString;

    /// <summary>The emulator recorded in the data folder, when it still runs on these ports; one recorded on other ports
    /// is stopped (so it saves) to make way for a new one.</summary>
    public static DetachedAzurite? Find(AzuriteOptions options, ILogger logger)
    {
        var location = DataFolder(options);
        if (Read(location) is not { } record)
        {
            return null;
        }

        if (IsEmulatorOf(record.ProcessId, location))
        {
            if (record.Ports.SequenceEqual(options.Ports) && options.Ports.All(LoopbackPorts.IsListening))
            {
                logger.LogInformation("Carrying on with Azurite (pid {Pid}) left running on {Location}", record.ProcessId, location);
                return new DetachedAzurite(record.ProcessId, options, reused: true, logger);
            }

            logger.LogInformation("Stopping Azurite (pid {Pid}) left running on {Location} with other ports", record.ProcessId, location);
            Stop(record.ProcessId, options.StopGracePeriod, logger);
        }

        File.Delete(Path.Combine(location, RecordFile));
        return null;
    }

    /// <summary>Starts Azurite in a session of its own and returns once all three ports accept connections.</summary>
    public static DetachedAzurite Start(AzuriteOptions options, ILogger logger)
    {
        var location = DataFolder(options);
        var start = AzuriteProcess.StartInfo(options, logger);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment[AzuriteLauncher.DetachLogVariable] = Path.Combine(location, LogFile);
        var started = Stopwatch.StartNew();
        int processId;
        using (var launcher = AzuriteInstallation.StartOrExplain(start))
        {
            var errors = launcher.StandardError.ReadToEndAsync();
            var printed = launcher.StandardOutput.ReadToEnd();
            launcher.WaitForExit();
            if (launcher.ExitCode != 0 || !int.TryParse(printed.Trim(), out processId))
            {
                throw new InvalidOperationException(
                    $"Could not start Azurite: its launcher exited with {launcher.ExitCode}:{Environment.NewLine}{printed}{errors.Result}");
            }
        }

        File.WriteAllText(Path.Combine(location, RecordFile),
            JsonSerializer.Serialize(new EmulatorRecord(processId, options.BlobPort, options.QueuePort, options.TablePort)));
        var azurite = new DetachedAzurite(processId, options, reused: false, logger);
        try
        {
            AzuriteProcess.WaitUntilListening(options, started,
                () => PosixProcesses.IsRunning(processId) ? null : $"(see {LogFile})", () => LogTail(location));
        }
        catch
        {
            azurite.Stop();
            throw;
        }

        AzuriteProcess.LogListening(logger, processId, options, started);
        return azurite;
    }

    /// <summary>What the data folder records about the emulator last started on it, if anything.</summary>
    public static EmulatorRecord? Read(string location)
    {
        var path = Path.Combine(location, RecordFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<EmulatorRecord>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Stops the emulator recorded in <paramref name="location"/> if it still runs, as a graceful stop of the
    /// server would.</summary>
    public static void StopRecorded(string location, TimeSpan grace, ILogger logger)
    {
        if (Read(location) is { } record && IsEmulatorOf(record.ProcessId, location))
        {
            Stop(record.ProcessId, grace, logger);
        }
    }

    /// <summary>Asks Azurite to close (it saves its data files), kills it after the grace period, and forgets it.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        Stop(ProcessId, Options.StopGracePeriod, logger);
        var location = DataFolder(Options);
        if (Read(location)?.ProcessId == ProcessId)
        {
            File.Delete(Path.Combine(location, RecordFile));
        }
    }

    static void Stop(int processId, TimeSpan grace, ILogger logger)
    {
        PosixProcesses.Terminate(processId);
        if (!PosixProcesses.WaitForExit(processId, grace))
        {
            logger.LogWarning("Azurite (pid {Pid}) did not close within {Grace}; killing it", processId, grace);
            PosixProcesses.KillNow(processId);
            PosixProcesses.WaitForExit(processId, TimeSpan.FromSeconds(5));
        }
    }

    // A recorded pid may since have gone to another program; only an Azurite on this folder is ours.
    static bool IsEmulatorOf(int processId, string location) =>
        PosixProcesses.IsRunning(processId)
        && (PosixProcesses.CommandLine(processId) is not { } command || command.Contains(location, StringComparison.Ordinal));

    static string DataFolder(AzuriteOptions options) =>
        options.Location ?? throw new ArgumentException("An Azurite of its own needs a data folder.", nameof(options));

    static string LogTail(string location)
    {
        var log = Path.Combine(location, LogFile);
        return File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(40)) : "";
    }
}

/// <summary>The emulator a server started on a data folder: its pid and ports.</summary>
public sealed record EmulatorRecord(int ProcessId, int BlobPort, int QueuePort, int TablePort)
{
    [JsonIgnore]
    public IReadOnlyList<int> Ports => [BlobPort, QueuePort, TablePort];
}
