using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Approvals.Links;

/// <summary>Finds decisions that were stored but whose workflow event was never raised (the process died in
/// between) and raises them, so a click is never lost. Reads only the index partitions of the two decision
/// stages and point-reads each waiting workshop's decision.</summary>
public sealed class DecisionRecovery(WorkshopStore workshops, DecisionStore decisions, AuditLog audit, TimeProvider time, ILogger<DecisionRecovery> logger)
{
    /// <summary>The grace period: a decision younger than this is probably still being raised by the request that stored
    /// it, the only one that raises it while it lives.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>How often each host runs <see cref="RunOnceAsync"/>: the longest a click whose event was lost waits.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public async Task<int> RunOnceAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var raised = 0;
        foreach (var stage in new[] { Stage.InternalReview, Stage.DonorSignOff })
        {
            string? token = null;
            do
            {
                var page = (await workshops.ListAsync(stage, overdueOnly: false, token, 100)).Page;
                foreach (var summary in page.Items)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var workshop = await workshops.GetAsync(summary.Id);
                    if (workshop is null || workshop.Stage != stage) continue;
                    var decision = await decisions.GetAsync(workshop.Id, stage, workshop.Round);
                    if (decision is null || decision.Raised || time.GetUtcNow() - decision.At < Settle) continue;

                    // The request raised it but died before marking it: raising again would only make a duplicate.
                    if (await client.HasAnsweredAsync(decision.WorkshopId, DecisionRecorded.ReceiptOf(decision.Stage, decision.Round), cancellationToken))
                    {
                        await decisions.MarkRaisedAsync(decision);
                        continue;
                    }

                    // The request may have died before its audit line too: the same line again is the same row.
                    if (decision.ToAuditEntry() is { } entry) await audit.AppendAsync(decision.WorkshopId, entry);
                    await client.RaiseEventAsync(decision.WorkshopId, WorkflowEvents.DecisionRecorded, decision.ToEvent(), cancellationToken);
                    await decisions.MarkRaisedAsync(decision);
                    logger.LogWarning("Workshop {WorkshopId}: re-raised the {Decision} stored at {At} that never reached the workflow", decision.WorkshopId, decision.Decision, decision.At);
                    raised++;
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return raised;
    }
}
