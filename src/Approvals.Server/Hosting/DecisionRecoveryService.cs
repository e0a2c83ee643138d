using Approvals.Links;
using Microsoft.DurableTask.Client;

namespace Approvals.Server.Hosting;

/// <summary>Runs <see cref="DecisionRecovery"/> every <see cref="DecisionRecovery.Interval"/> (the Functions app uses a
/// timer trigger).</summary>
internal sealed class DecisionRecoveryService(DecisionRecovery recovery, DurableTaskClient client, ILogger<DecisionRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(DecisionRecovery.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await recovery.RunOnceAsync(client, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Decision recovery failed; it runs again in {Interval}", DecisionRecovery.Interval);
            }
        }
    }
}
