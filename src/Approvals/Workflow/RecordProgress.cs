using Approvals.Storage;
using Approvals.Telemetry;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>Activity: after every step, updates the workshop's snapshot and appends to its audit log, in one transaction.</summary>
public sealed class RecordProgress(WorkshopStore workshops, ApprovalsMetrics metrics, TimeProvider time) : TaskActivity<ProgressUpdate, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ProgressUpdate input) => ExecuteAsync(input);

    public Task<bool> ExecuteAsync(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return ApprovalsTelemetry.RunStepAsync(nameof(RecordProgress), update.Origin?.TraceParent, update.WorkshopId, async () =>
        {
            await StoreAsync(update);
            return true;
        });
    }

    /// <summary>The audit line and the snapshot, for a step that records more than its progress (<see cref="RecordStep"/>).</summary>
    /// <returns>The snapshot as the step leaves it; null when a newer step is already stored.</returns>
    internal async Task<WorkshopRecord?> StoreAsync(ProgressUpdate update)
    {
        var stored = await workshops.ApplyAsync(update);
        if (update.Origin?.At is { } clickedAt && update.Previous is { } previous && previous != update.Stage)
        {
            metrics.NextStageRecorded(update.Stage, time.GetUtcNow() - clickedAt);
        }

        return stored;
    }
}
