using Microsoft.DurableTask;

namespace Approvals.Server.Durable;

/// <summary>
/// Two tiny orchestrations every server registers, so a smoke test can prove the Durable backend
/// (sidecar, worker, Azure Storage, restart recovery) without depending on the application's workflow.
/// </summary>
public static class DiagnosticTasks
{
    /// <summary>Orchestrator: calls <see cref="Greet"/> with its input and returns the greeting.</summary>
    public const string Echo = "Diagnostics.Echo";

    /// <summary>Orchestrator: waits for the <see cref="Signal"/> event, then greets its payload.</summary>
    public const string WaitForSignal = "Diagnostics.WaitForSignal";

    public const string Signal = "Diagnostics.Signal";

    /// <summary>Activity: returns "Hello, {input}!".</summary>
    public const string Greet = "Diagnostics.Greet";

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddActivityFunc<string, string>(Greet, (_, name) => $"Hello, {name}!");
        registry.AddOrchestratorFunc<string, string>(Echo, (context, name) => context.CallActivityAsync<string>(Greet, name));
        registry.AddOrchestratorFunc<string?, string>(WaitForSignal, async (context, _) =>
        {
            var name = await context.WaitForExternalEvent<string>(Signal);
            return await context.CallActivityAsync<string>(Greet, name);
        });
    }
}
