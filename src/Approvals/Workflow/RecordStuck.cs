using Approvals.Storage;
using Approvals.Telemetry;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>Activity: copies a stuck step (or its end) into the workshop's history, snapshot and the dashboard's list.
/// The workflow calls it on a best-effort basis: the orchestration's custom status is the record that counts, because
/// the storage this writes to may be what failed.</summary>
public sealed class RecordStuck(WorkshopStore workshops, AuditLog audit) : TaskActivity<StuckRecord, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, StuckRecord input) => ExecuteAsync(input);

    public Task<bool> ExecuteAsync(StuckRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ApprovalsTelemetry.RunStepAsync(nameof(RecordStuck), traceParent: null, record.WorkshopId, async () =>
        {
            await audit.AppendAsync(record.WorkshopId, record.Entry);
            await workshops.SetStuckAsync(record.WorkshopId, record.Stuck);
            return true;
        });
    }
}
