using Approvals.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The one move staff make on the snapshot directly: to Held, when attendance is recorded.</summary>
public sealed partial class WorkshopStore
{
    /// <summary>Marks a published workshop Held (a Held one stays Held, with a new time). Written against the row's
    /// ETag, so a cancellation stored in between wins and this returns the stage it found instead.</summary>
    public async Task<Stage?> MarkHeldAsync(string id, DateTimeOffset at)
    {
        var table = await tables.GetAsync(StorageNames.Workshops);
        for (var attempt = 0; ; attempt++)
        {
            if (await table.FindAsync<WorkshopRow>(id, WorkshopRow.Key) is not { } row) return null;
            var before = row.ToRecord();
            if (before.Stage != Stage.Held && !StageMachine.CanMove(before.Stage, Stage.Held)) return before.Stage;
            var after = before with { Stage = Stage.Held, UpdatedAt = at > before.UpdatedAt ? at : before.UpdatedAt, Pending = [] };
            try
            {
                var written = await table.UpdateEntityAsync(WorkshopRow.From(after, row.Sequence), row.ETag, TableUpdateMode.Replace);
                known.Remember(after, row.Sequence, written.Headers.ETag ?? default);
                await IndexAsync(after, wasStuck: before.Stuck is not null);
                return Stage.Held;
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() && attempt < 5)
            {
                // Written in between (a second recording, a late step): read it again and decide on what is stored now.
            }
        }
    }
}
