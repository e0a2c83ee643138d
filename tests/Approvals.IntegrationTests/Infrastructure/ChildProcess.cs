using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A process a fixture starts and later stops by its own pid (with its children), keeping the tail of its
/// output for failure messages.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ChildProcess(Process process) => this.process = process;

    public int Id => process.Id;
    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output) return output.Length > 8000 ? output.ToString(output.Length - 8000, 8000) : output.ToString();
        }
    }

    public static ChildProcess Start(string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan terminationGrace = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process) { TerminationGrace = terminationGrace };
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end; throws with its output when it fails or takes too long.</summary>
    public static async Task RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var child = Start(fileName, workingDirectory, arguments);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await child.process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{child.Output}");
        }

        child.process.WaitForExit(); // drains the output events
        if (child.process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {child.process.ExitCode}:\n{child.Output}");
        }
    }


    /// <summary>Deletes a fixture's temp folder; one left behind is harmless.</summary>
    public static void DeleteFolderQuietly(string? path)
    {
        if (path is null) return;
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Still in use or already gone.
        }
    }


    /// <summary>How long <see cref="Dispose"/> waits after SIGTERM before it kills the process tree; zero kills at once.
    /// A launcher such as the dotnet muxer stops its child on SIGTERM and reaps it, which a kill of the tree does not.</summary>
    public TimeSpan TerminationGrace { get; init; }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited && TerminationGrace > TimeSpan.Zero)
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                term?.WaitForExit(5_000);
                process.WaitForExit(TerminationGrace);
            }

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

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
