using Approvals.Storage;
using Approvals.Telemetry;
using Microsoft.DurableTask;

namespace Approvals.Nominations;

/// <summary>An accepted slate to store.</summary>
public sealed record SlateRecord(string WorkshopId, Slate Slate, string? TokenId)
{
    /// <summary>The trace of the link request that sent the slate.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The workflow kept no list of this ministry before this one, so storage has none to replace.</summary>
    public bool First { get; init; }
}

/// <summary>Activity: stores a slate the workflow accepted.</summary>
public sealed class SaveSlate(NominationStore store, ApprovalsMetrics metrics) : TaskActivity<SlateRecord, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, SlateRecord input) => ExecuteAsync(input);

    public Task<bool> ExecuteAsync(SlateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ApprovalsTelemetry.RunStepAsync(nameof(SaveSlate), record.TraceParent, record.WorkshopId, async () =>
        {
            await StoreAsync(record);
            return true;
        });
    }

    /// <summary>Stores the slate, for the step that accepts it (<see cref="Workflow.RecordStep"/>).</summary>
    internal async Task StoreAsync(SlateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        await store.SaveAsync(record.WorkshopId, record.Slate, record.TokenId, record.First);
        metrics.SlateAccepted(record.Slate.Declined);
    }
}
