using Approvals.Links;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Timers;

/// <summary>Re-raises decisions that were stored but never reached the workflow (the server runs the same on
/// <see cref="DecisionRecovery.Interval"/>).</summary>
public sealed class DecisionRecoveryFunctions(DecisionRecovery recovery)
{
    /// <summary><see cref="DecisionRecovery.Interval"/> as NCRONTAB with seconds. A literal, because an attribute argument
    /// must be a constant and C# cannot make one from a <see cref="TimeSpan"/>; a test holds the two equal.</summary>
    public const string Schedule = "*/30 * * * * *";

    [Function(nameof(RecoverDecisions))]
    public Task RecoverDecisions([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        recovery.RunOnceAsync(client, cancellationToken);
}
