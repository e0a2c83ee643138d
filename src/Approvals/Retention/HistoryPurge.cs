using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approvals.Retention;

/// <summary>Deletes the Durable Task history of workflows that finished more than <see cref="ApprovalsOptions.PurgeAfter"/>
/// ago. The workshop, its audit trail and its nominations live in our own tables and stay: the status API and the
/// exports read those, not the history.</summary>
public sealed class HistoryPurge(IOptions<ApprovalsOptions> options, TimeProvider time, ILogger<HistoryPurge> logger)
{
    /// <summary>How often the Functions timer runs; the server's loop defaults to the same.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Purges each finished instance whose last update is older than the cut-off. The query narrows by creation
    /// time (never later than the end), and the end is checked per instance: a workshop that ran for months keeps its
    /// history for the whole period after it finished, not after it started.</summary>
    public async Task<int> RunOnceAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cutoff = time.GetUtcNow() - options.Value.PurgeAfter;
        var query = new OrchestrationQuery { CreatedTo = cutoff, Statuses = Finished, PageSize = 100 };
        var purged = 0;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.LastUpdatedAt > cutoff) continue;
            var result = await client.PurgeInstanceAsync(instance.InstanceId, new PurgeInstanceOptions(Recursive: true), cancellationToken);
            purged += result.PurgedInstanceCount;
        }

        if (purged > 0) logger.LogInformation("Purged the Durable history of {Count} workflows that finished before {Cutoff}", purged, cutoff);
        return purged;
    }
}
