using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Approvals.Links;

/// <summary>Finds decisions that were stored but whose workflow event was never raised (the process died in
/// between) and raises them, so a click is never lost. Reads the decisions not marked raised (one query) and
/// point-reads the workshop of each, so its cost does not grow with the number of workshops waiting.</summary>
public sealed class DecisionRecovery(
    WorkshopStore workshops, DecisionStore decisions, DirectoryStore directory, AuditLog audit, TimeProvider time, ILogger<DecisionRecovery> logger)
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
        foreach (var decision in await decisions.ListUnraisedAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (decision.Stage is not (Stage.InternalReview or Stage.DonorSignOff) || time.GetUtcNow() - decision.At < Settle) continue;

            // Only a decision for the step the workshop is still at: one for a stage or round it has left is history.
            var workshop = await workshops.GetAsync(decision.WorkshopId);
            if (workshop is null || workshop.Stage != decision.Stage || workshop.Round != decision.Round) continue;

            // The request raised it but died before marking it: raising again would only make a duplicate. It writes the
            // audit line after the raise, so it may have died before that line: the same line again is the same row.
            if (await client.HasAnsweredAsync(decision.WorkshopId, DecisionRecorded.ReceiptOf(decision.Stage, decision.Round), cancellationToken))
            {
                if (decision.ToAuditEntry() is { } line) await audit.AppendAsync(decision.WorkshopId, line);
                await decisions.MarkRaisedAsync(decision);
                continue;
            }

            // The request may have died before its audit line too: the same line again is the same row.
            if (decision.ToAuditEntry() is { } entry) await audit.AppendAsync(decision.WorkshopId, entry);
            await client.RaiseEventAsync(decision.WorkshopId, WorkflowEvents.DecisionRecorded, decision.ToEvent() with { Directory = await directory.LoadAsync() }, cancellationToken);
            await decisions.MarkRaisedAsync(decision);
            logger.LogWarning("Workshop {WorkshopId}: re-raised the {Decision} stored at {At} that never reached the workflow", decision.WorkshopId, decision.Decision, decision.At);
            raised++;
        }

        return raised;
    }
}
