using System.Runtime.InteropServices;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>Sends a process what Ctrl-C or a service manager would; .NET itself can only SIGKILL.</summary>
static partial class Signals
{
    const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
