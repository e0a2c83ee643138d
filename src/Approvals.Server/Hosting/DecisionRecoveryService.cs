using Approvals.Links;
using Microsoft.DurableTask.Client;

namespace Approvals.Server.Hosting;

/// <summary>Runs <see cref="DecisionRecovery"/> every 30 s (the Functions app uses a timer trigger).</summary>
internal sealed class DecisionRecoveryService(DecisionRecovery recovery, DurableTaskClient client, ILogger<DecisionRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await recovery.RunOnceAsync(client, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Decision recovery failed; it runs again in 30 s");
            }
        }
    }
}
