using Approvals.Links;
using Microsoft.DurableTask.Client;

namespace Approvals.Server.Hosting;

/// <summary>Runs <see cref="DecisionRecovery"/> every <see cref="DecisionRecovery.Interval"/> (the Functions app uses a
/// timer trigger).</summary>
internal sealed class DecisionRecoveryService(DecisionRecovery recovery, DurableTaskClient client, ILogger<DecisionRecoveryService> logger)
    : PeriodicJob(DecisionRecovery.Interval, logger)
{
    protected override string Name => "Decision recovery";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => recovery.RunOnceAsync(client, cancellationToken);
}
