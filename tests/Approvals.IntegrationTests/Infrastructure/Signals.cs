using System.Runtime.InteropServices;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>Sends a process what Ctrl-C or a service manager would; .NET itself can only SIGKILL.</summary>
static partial class Signals
{
    const int SigHup = 1;
    const int SigTerm = 15;
    const int SigCont = 18;
    const int SigStop = 19;

    public static void Terminate(int processId) => Send(processId, SigTerm);

    /// <summary>What a terminal sends the programs it runs when it is closed.</summary>
    public static void HangUp(int processId) => Send(processId, SigHup);

    /// <summary>Freezes a process as a hung disk or a paused VM would: its sockets stay open, nothing answers.</summary>
    public static void Freeze(int processId) => Send(processId, SigStop);

    public static void Thaw(int processId) => Send(processId, SigCont);

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
