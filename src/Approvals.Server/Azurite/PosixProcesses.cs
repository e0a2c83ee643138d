using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Approvals.Server.Azurite;

/// <summary>Signals for a process that is not our child (.NET can only SIGKILL, and only processes it knows).</summary>
[UnsupportedOSPlatform("windows")]
static partial class PosixProcesses
{
    const int SigKill = 9;
    const int SigTerm = 15;
    const int NoSuchProcess = 3;

    /// <summary>Asks the process to close, as a service manager would.</summary>
    public static void Terminate(int processId) => _ = Kill(processId, SigTerm);

    public static void KillNow(int processId) => _ = Kill(processId, SigKill);

    /// <summary>True while the process exists and has not exited (a zombie, not yet reaped, has).</summary>
    public static bool IsRunning(int processId)
    {
        if (processId <= 0 || (Kill(processId, 0) != 0 && Marshal.GetLastPInvokeError() == NoSuchProcess))
        {
            return false;
        }

        var stat = $"/proc/{processId}/stat";
        if (!File.Exists(stat))
        {
            return OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The program and arguments of a running process, where the system shows them (Linux); else null.</summary>
    public static string? CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Waits for the process to end; false if it still runs after <paramref name="timeout"/>.</summary>
    public static bool WaitForExit(int processId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(processId))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
