using Approvals.Retention;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Approvals.Server.Hosting;

/// <summary>Runs <see cref="HistoryPurge"/> every <see cref="ApprovalsOptions.PurgeInterval"/> (the Functions app uses a
/// timer trigger).</summary>
internal sealed class HistoryPurgeService(HistoryPurge purge, DurableTaskClient client, IOptions<ApprovalsOptions> options, ILogger<HistoryPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PurgeInterval;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await purge.RunOnceAsync(client, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging finished workflows' history failed; it runs again in {Interval}", interval);
            }
        }
    }
}
