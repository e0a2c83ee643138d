using Microsoft.DurableTask.Client;

namespace Approvals.Workflow;

/// <summary>An event raised to an orchestration that the storage provider has scheduled but not yet started can be
/// discarded ("no such instance") when its start message is put back on the queue first. Staff can send such an
/// event (a cancel the moment a workshop is accepted), so it is raised only once the orchestration runs.</summary>
public static class WorkflowStart
{
    /// <summary>How long a request waits for a just-submitted workshop's orchestration to start.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>True once the orchestration of <paramref name="id"/> has started (or ended); false if it is still
    /// pending after <see cref="Patience"/>, or a read of its status has not come back by then.</summary>
    public static Task<bool> WaitUntilStartedAsync(this DurableTaskClient client, string id, CancellationToken cancellation = default) =>
        WaitUntilStartedAsync(client, id, Patience, cancellation);

    internal static Task<bool> WaitUntilStartedAsync(this DurableTaskClient client, string id, TimeSpan patience, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        var changes = InstanceChanges.Process;
        return Polling.UntilAsync(
            async (_, bound) => await client.GetInstanceAsync(id, getInputsAndOutputs: false, bound) is { } instance
                && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending,
            patience,
            changes.IsFed ? () => changes.Listen(id) : null,
            cancellation);
    }
}
