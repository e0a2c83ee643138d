using Approvals.Storage;
using Microsoft.DurableTask;

namespace Approvals.Nominations;

/// <summary>An accepted slate to store.</summary>
public sealed record SlateRecord(string WorkshopId, Slate Slate, string? TokenId);

/// <summary>Activity: stores a slate the workflow accepted.</summary>
public sealed class SaveSlate(NominationStore store) : TaskActivity<SlateRecord, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, SlateRecord input) => ExecuteAsync(input);

    public async Task<bool> ExecuteAsync(SlateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        await store.SaveAsync(record.WorkshopId, record.Slate, record.TokenId);
        return true;
    }
}
