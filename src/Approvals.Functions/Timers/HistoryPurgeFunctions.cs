using Approvals.Retention;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Timers;

/// <summary>Purges the Durable history of long-finished workflows (the server runs the same in a loop).</summary>
public sealed class HistoryPurgeFunctions(HistoryPurge purge)
{
    /// <summary><see cref="HistoryPurge.Interval"/> as NCRONTAB with seconds: hourly, on the hour. A literal, because an
    /// attribute argument must be a constant; a test holds the two equal.</summary>
    public const string Schedule = "0 0 * * * *";

    [Function(nameof(PurgeFinishedHistory))]
    public Task PurgeFinishedHistory([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        purge.RunOnceAsync(client, cancellationToken);
}
