using Microsoft.DurableTask.Client;

namespace Approvals.IntegrationTests.Infrastructure;

public static class DurableClientExtensions
{
    /// <summary>
    /// Polls the instance until <paramref name="condition"/> holds. Polling, because
    /// WaitForInstanceCompletionAsync answers ~2 s late through the sidecar: the storage provider polls status every 2 s.
    /// </summary>
    public static async Task<OrchestrationMetadata> WaitUntilAsync(
        this DurableTaskClient client, string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        return (await Eventually.Until(() => client.GetInstanceAsync(instanceId, getInputsAndOutputs: true), last => last is not null && condition(last), timeout,
            last => $"Instance {instanceId} did not reach the expected state within {timeout}; last status {last?.RuntimeStatus.ToString() ?? "(none)"}."))!;
    }

    public static Task<OrchestrationMetadata> WaitForStatusAsync(
        this DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status, TimeSpan timeout) =>
        client.WaitUntilAsync(instanceId, m => m.RuntimeStatus == status, timeout);
}
