using Approvals.Links;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Timers;

/// <summary>Re-raises decisions that were stored but never reached the workflow (the server runs the same every 30 s).</summary>
public sealed class DecisionRecoveryFunctions(DecisionRecovery recovery)
{
    /// <summary>Every 30 seconds (NCRONTAB with seconds).</summary>
    public const string Schedule = "*/30 * * * * *";

    [Function(nameof(RecoverDecisions))]
    public Task RecoverDecisions([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        recovery.RunOnceAsync(client, cancellationToken);
}
