using Approvals.Retention;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Approvals.Server.Hosting;

/// <summary>Runs <see cref="HistoryPurge"/> every <see cref="ApprovalsOptions.PurgeInterval"/> (the Functions app uses a
/// timer trigger).</summary>
internal sealed class HistoryPurgeService(HistoryPurge purge, DurableTaskClient client, IOptions<ApprovalsOptions> options, ILogger<HistoryPurgeService> logger)
    : PeriodicJob(options.Value.PurgeInterval, logger)
{
    protected override string Name => "Purging finished workflows' history";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => purge.RunOnceAsync(client, cancellationToken);
}
