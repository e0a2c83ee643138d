namespace Approvals.Server.Hosting;

/// <summary>A job the Functions app runs from a timer trigger, run here every <paramref name="interval"/>: a failed run
/// is logged and the next one comes on time.</summary>
internal abstract class PeriodicJob(TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>What the log says failed, e.g. "Decision recovery".</summary>
    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Job} failed; it runs again in {Interval}", Name, interval);
            }
        }
    }
}
