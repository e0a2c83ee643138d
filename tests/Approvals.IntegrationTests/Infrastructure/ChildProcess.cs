using System.Diagnostics;
using System.Globalization;
using Approvals.Server.Hosting;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>A process a test or fixture starts and later stops by its own pid (with its children), keeping the tail of
/// its output for failure messages. The one way the tests start a program: the server, smtp4dev, dotnet tool, bicep.</summary>
public sealed class ChildProcess : IDisposable
{
    private const int TailLines = 200;

    private readonly Process process;
    private readonly OutputTail output;

    private ChildProcess(Process process, OutputTail output)
    {
        this.process = process;
        this.output = output;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>The last lines it printed on either stream.</summary>
    public string Output => output.ToString();

    /// <summary>How long <see cref="Dispose"/> waits after SIGTERM before it kills the process tree; zero kills at once.
    /// A launcher such as the dotnet muxer stops its child on SIGTERM and reaps it, which a kill of the tree does not.</summary>
    public TimeSpan TerminationGrace { get; init; }

    /// <param name="environment">Variables to set; a null value removes one the test process has.</param>
    public static ChildProcess Start(string fileName, string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan terminationGrace = default)
    {
        var process = Process.Start(Info(fileName, workingDirectory, arguments, environment))
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new ChildProcess(process, OutputTail.Capture(process, TailLines)) { TerminationGrace = terminationGrace };
    }

    /// <summary>Runs a command to its end; throws with its output when it fails or takes too long.</summary>
    public static async Task RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var child = Start(fileName, workingDirectory, arguments);
        if (!await child.WaitForExitAsync(timeout))
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{child.Output}");
        }

        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {child.ExitCode}:\n{child.Output}");
        }
    }

    /// <summary>Runs a command to its end and returns everything it printed, each stream whole (a compiler's output
    /// is the result, not a log).</summary>
    public static async Task<ProcessRun> CaptureAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var info = Info(fileName, workingDirectory, arguments, null);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits for the process to exit by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        process.WaitForExit(); // drains the output events
        return true;
    }

    /// <summary>Kills the process tree at once, as a crash would (nothing gets to shut down cleanly).</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Deletes a fixture's temp folder; one left behind is harmless.</summary>
    public static void DeleteFolderQuietly(string? path)
    {
        if (path is null) return;
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Still in use or already gone.
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited && TerminationGrace > TimeSpan.Zero)
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                term?.WaitForExit(5_000);
                process.WaitForExit(TerminationGrace);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Kill();
        process.Dispose();
    }

    private static ProcessStartInfo Info(string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) info.Environment[name] = value;
        return info;
    }
}

/// <summary>One finished command: its exit code and all it printed.</summary>
public sealed record ProcessRun(int ExitCode, string StandardOutput, string StandardError);
