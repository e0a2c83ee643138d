using System.Runtime.InteropServices;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>Sends a process what Ctrl-C or a service manager would; .NET itself can only SIGKILL.</summary>
static partial class Signals
{
    const int SigHup = 1;
    const int SigTerm = 15;

    public static void Terminate(int processId) => Send(processId, SigTerm);

    /// <summary>What a terminal sends the programs it runs when it is closed.</summary>
    public static void HangUp(int processId) => Send(processId, SigHup);

    static void Send(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
