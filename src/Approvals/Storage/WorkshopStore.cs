using System.Text.Json.Serialization;
using Approvals.Handovers;
using Approvals.Proposals;
using Approvals.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>A workshop's current snapshot as managers see it.</summary>
public sealed record WorkshopRecord(
    string Id,
    string Title,
    Stage Stage,
    int Round,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    Proposal Proposal,
    IReadOnlyList<PendingRequest> Pending,
    Stage? ResumesAt = null,
    StuckStep? Stuck = null)
{
    /// <summary>Who passed an open request on, to whom: the link pages read holders from here.</summary>
    public IReadOnlyList<Handover> Handovers { get; init; } = [];

    /// <summary>Whether all of its audit lines are in its own partition (<see cref="AuditLog"/>).</summary>
    internal bool AuditInPartition { get; init; }
}

/// <summary>One row of the list of workshops.</summary>
public sealed record WorkshopSummary(
    string Id, string Title, Stage Stage, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? NextDueAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StuckStep? Stuck = null);

/// <summary>A page of workshops and the token for the next one.</summary>
public sealed record WorkshopPage(IReadOnlyList<WorkshopSummary> Items, string? ContinuationToken);

/// <summary>What a list read found: a page, or that the continuation token is not one the list returned.</summary>
public sealed record WorkshopListing(WorkshopPage Page, bool TokenRejected = false)
{
    public static readonly WorkshopListing RejectedToken = new(new WorkshopPage([], null), TokenRejected: true);
}

/// <summary>Workshops (PK = id) plus an index table: PK <c>all</c> and PK <c>stuck</c> (the workshops with a stuck step),
/// row keys in reverse submission order, so every list is one partition read newest first (a stage's list filters
/// <c>all</c> by its stage). Each step writes one index row; the <c>stage-{Stage}</c> partitions of earlier versions,
/// a second row per step, are no longer written or read.</summary>
public sealed partial class WorkshopStore(Tables tables, TimeProvider time)
{
    private const string AllPartition = "all";
    private const string StuckPartition = "stuck";

    private readonly WorkshopSnapshots known = new();

    public async Task<bool> CreateAsync(WorkshopRecord workshop)
    {
        var table = await tables.GetAsync(StorageNames.Workshops);
        try
        {
            workshop = workshop with { AuditInPartition = true };
            var added = await table.AddEntityAsync(WorkshopRow.From(workshop));
            known.Remember(workshop, null, added.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }

        await IndexAsync(workshop);
        return true;
    }

    public async Task<WorkshopRecord?> GetAsync(string id)
    {
        if (!IsPlausibleId(id)) return null;
        var table = await tables.GetAsync(StorageNames.Workshops);
        if (await table.FindAsync<WorkshopRow>(id, WorkshopRow.Key) is not { } row) return null;
        var record = row.ToRecord();
        known.Remember(record, row.Sequence, row.ETag);
        return record;
    }

    /// <summary>Applies a workflow step to the snapshot (optimistic concurrency on the row's ETag) and writes its audit
    /// line in the same transaction, so the history never lacks a step the snapshot shows. When this process stored or
    /// read the row last, the step is written against that ETag with no read first; any other write in between fails
    /// it, and the step reads the row and applies again.</summary>
    /// <returns>The snapshot as this step leaves it; null when a newer step is already stored.</returns>
    public async Task<WorkshopRecord?> ApplyAsync(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var table = await tables.GetAsync(StorageNames.Workshops);
        for (var attempt = 0; ; attempt++)
        {
            WorkshopRecord before;
            ETag etag;
            if (attempt == 0 && known.Before(update.WorkshopId, update.Sequence) is { } hint)
            {
                (before, etag) = (hint.Record, hint.ETag);
            }
            else
            {
                var row = await table.FindAsync<WorkshopRow>(update.WorkshopId, WorkshopRow.Key)
                    ?? throw new InvalidOperationException($"Workshop {update.WorkshopId} has no stored row.");
                (before, etag) = (row.ToRecord(), row.ETag);
                var storedSequence = row.Sequence ?? 0;
                if (storedSequence > update.Sequence)
                {
                    await AppendLineAsync(table, update); // a redelivered older step: the newer one is already stored
                    return null;
                }

                if (storedSequence == update.Sequence && update.Sequence > 0)
                {
                    await AppendLineAsync(table, update); // this very step again (a retry): finish its line and index
                    await IndexAsync(before);
                    return before;
                }
            }

            var after = before with
            {
                Stage = update.Stage,
                Round = update.Round,
                UpdatedAt = update.Entry.At > before.UpdatedAt ? update.Entry.At : before.UpdatedAt,
                Pending = update.Pending,
                Proposal = update.Proposal ?? before.Proposal,
                Title = (update.Proposal ?? before.Proposal).Title,
                ResumesAt = update.ResumesAt,
                Handovers = update.Handovers ?? [],

                // A step that is recorded ran: whatever was stuck before it is not any more.
                Stuck = null,
            };
            try
            {
                var line = AuditRow.From(update.WorkshopId, update.Entry);
                var written = await table.SubmitTransactionAsync([
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, WorkshopRow.From(after, update.Sequence), etag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, line)]);
                known.Remember(after, update.Sequence, written.Value[0].Headers.ETag ?? default);
                await AuditLog.IndexByDayAsync(tables, update.WorkshopId, line, update.Entry.At);
                await IndexAsync(after, wasStuck: before.Stuck is not null);
                return after;
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() && attempt < 5)
            {
                // Someone else wrote in between (or this process never saw their write): read again and reapply.
                known.Forget(update.WorkshopId);
            }
        }
    }

    private async Task AppendLineAsync(TableClient table, ProgressUpdate update)
    {
        var line = AuditRow.From(update.WorkshopId, update.Entry);
        await table.UpsertEntityAsync(line, TableUpdateMode.Replace);
        await AuditLog.IndexByDayAsync(tables, update.WorkshopId, line, update.Entry.At);
    }

    /// <summary>Marks the workshop's step as stuck, or (null) no longer stuck, in its row and in the lists.</summary>
    public async Task SetStuckAsync(string id, StuckStep? stuck)
    {
        var table = await tables.GetAsync(StorageNames.Workshops);
        for (var attempt = 0; ; attempt++)
        {
            var row = await table.FindAsync<WorkshopRow>(id, WorkshopRow.Key) ?? throw new InvalidOperationException($"Workshop {id} has no stored row.");
            var before = row.ToRecord();
            var after = before with { Stuck = stuck };
            try
            {
                var written = await table.UpdateEntityAsync(WorkshopRow.From(after, row.Sequence), row.ETag, TableUpdateMode.Replace);
                known.Remember(after, row.Sequence, written.Headers.ETag ?? default);
                await IndexAsync(after, wasStuck: before.Stuck is not null);
                return;
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() && attempt < 5)
            {
                // The workflow's own step and this never run at once; anything else writing in between is read again.
            }
        }
    }

    private async Task IndexAsync(WorkshopRecord now, bool wasStuck = false)
    {
        var index = await tables.GetAsync(StorageNames.WorkshopIndex);
        await index.UpsertEntityAsync(WorkshopIndexRow.From(AllPartition, now), TableUpdateMode.Replace);
        if (now.Stuck is not null)
        {
            await index.UpsertEntityAsync(WorkshopIndexRow.From(StuckPartition, now), TableUpdateMode.Replace);
        }
        else if (wasStuck)
        {
            await index.DeleteEntityAsync(StuckPartition, WorkshopIndexRow.RowKeyOf(now));
        }
    }

    /// <summary>Ids are ours (<c>ws-yyyyMMdd-hex</c>); anything a table key cannot hold is simply not a workshop.</summary>
    public static bool IsPlausibleId(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The SDK's tokens are the next partition key and row key joined by one space. The check matters because
    /// Azurite answers a malformed token with some page rather than an error, as the table service does.</summary>
    private static bool IsTokenShaped(string token) =>
        token.Split(' ') is [{ Length: > 0 } next, { Length: > 0 } row] && !token.Any(char.IsControl) && next.Length + row.Length < 2048;
}
