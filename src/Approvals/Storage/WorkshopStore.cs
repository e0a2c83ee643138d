using System.Globalization;
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
    Stage? ResumesAt = null);

/// <summary>One row of the list of workshops.</summary>
public sealed record WorkshopSummary(string Id, string Title, Stage Stage, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? NextDueAt);

/// <summary>A page of workshops and the token for the next one.</summary>
public sealed record WorkshopPage(IReadOnlyList<WorkshopSummary> Items, string? ContinuationToken);

/// <summary>Workshops (PK = id) plus an index table: PK <c>all</c> and PK <c>stage-{Stage}</c>, row keys in reverse
/// submission order, so every list is one partition read newest first.</summary>
public sealed class WorkshopStore(Tables tables, TimeProvider time)
{
    private const string Row = "workshop";
    private const string AllPartition = "all";

    public async Task<bool> CreateAsync(WorkshopRecord workshop)
    {
        var table = await tables.GetAsync(StorageNames.Workshops);
        try
        {
            await table.AddEntityAsync(ToEntity(workshop));
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }

        await IndexAsync(workshop, previous: null);
        return true;
    }

    public async Task<WorkshopRecord?> GetAsync(string id)
    {
        if (!IsPlausibleId(id)) return null;
        var table = await tables.GetAsync(StorageNames.Workshops);
        var entity = await table.FindAsync<TableEntity>(id, Row);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>Applies a workflow step to the snapshot (optimistic concurrency on the row's ETag).</summary>
    public async Task ApplyAsync(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var table = await tables.GetAsync(StorageNames.Workshops);
        for (var attempt = 0; ; attempt++)
        {
            var entity = await table.FindAsync<TableEntity>(update.WorkshopId, Row)
                ?? throw new InvalidOperationException($"Workshop {update.WorkshopId} has no stored row.");
            var before = FromEntity(entity);
            var storedSequence = entity.GetInt64("Sequence") ?? 0;
            if (storedSequence > update.Sequence) return; // a redelivered older step: the newer one is already stored
            if (storedSequence == update.Sequence && update.Sequence > 0)
            {
                await IndexAsync(before, update.Previous); // this very step again (a retry): finish its index work
                return;
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
            };
            try
            {
                var row = ToEntity(after);
                row["Sequence"] = update.Sequence;
                await table.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace);
                await IndexAsync(after, update.Previous ?? before.Stage);
                return;
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() && attempt < 5)
            {
                // Someone else wrote in between: read again and reapply.
            }
        }
    }

    public async Task<WorkshopPage> ListAsync(Stage? stage, bool overdueOnly, string? continuationToken, int pageSize)
    {
        var index = await tables.GetAsync(StorageNames.WorkshopIndex);
        var partition = stage is { } s ? StagePartition(s) : AllPartition;
        var filter = overdueOnly
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and NextDueAt lt {time.GetUtcNow()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var pages = index.QueryAsync<TableEntity>(filter, maxPerPage: pageSize).AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            var items = page.Values.Select(e => new WorkshopSummary(
                e.GetString("Id"),
                e.GetString("Title"),
                Enum.Parse<Stage>(e.GetString("Stage")),
                e.GetDateTimeOffset("SubmittedAt") ?? default,
                e.GetDateTimeOffset("UpdatedAt") ?? default,
                e.GetDateTimeOffset("NextDueAt"))).ToList();
            return new WorkshopPage(items, page.ContinuationToken);
        }

        return new WorkshopPage([], null);
    }

    private async Task IndexAsync(WorkshopRecord now, Stage? previous)
    {
        var index = await tables.GetAsync(StorageNames.WorkshopIndex);
        var rowKey = IndexRowKey(now);
        await index.UpsertEntityAsync(IndexEntity(AllPartition, rowKey, now), TableUpdateMode.Replace);
        await index.UpsertEntityAsync(IndexEntity(StagePartition(now.Stage), rowKey, now), TableUpdateMode.Replace);
        if (previous is { } old && old != now.Stage)
        {
            await index.DeleteEntityAsync(StagePartition(old), rowKey);
        }
    }

    /// <summary>Ids are ours (<c>ws-yyyyMMdd-hex</c>); anything a table key cannot hold is simply not a workshop.</summary>
    public static bool IsPlausibleId(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string StagePartition(Stage stage) => $"stage-{stage}";

    private static string IndexRowKey(WorkshopRecord w) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - w.SubmittedAt.UtcTicks:D19}-{w.Id}");

    private static TableEntity IndexEntity(string partition, string rowKey, WorkshopRecord w) => new(partition, rowKey)
    {
        ["Id"] = w.Id,
        ["Title"] = w.Title,
        ["Stage"] = w.Stage.ToString(),
        ["SubmittedAt"] = w.SubmittedAt,
        ["UpdatedAt"] = w.UpdatedAt,
        ["NextDueAt"] = w.Pending.Count == 0 ? null : w.Pending.Min(p => p.DueAt),
    };

    private static TableEntity ToEntity(WorkshopRecord w) => new(w.Id, Row)
    {
        ["Title"] = w.Title,
        ["Stage"] = w.Stage.ToString(),
        ["Round"] = w.Round,
        ["SubmittedAt"] = w.SubmittedAt,
        ["UpdatedAt"] = w.UpdatedAt,
        ["Proposal"] = Json.Serialize(w.Proposal),
        ["Pending"] = Json.Serialize(w.Pending),
        ["ResumesAt"] = w.ResumesAt?.ToString(),
    };

    private static WorkshopRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Title"),
        Enum.Parse<Stage>(e.GetString("Stage")),
        e.GetInt32("Round") ?? 0,
        e.GetDateTimeOffset("SubmittedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        Json.Deserialize<Proposal>(e.GetString("Proposal")),
        Json.Deserialize<List<PendingRequest>>(e.GetString("Pending")),
        e.GetString("ResumesAt") is { Length: > 0 } resumes ? Enum.Parse<Stage>(resumes) : null);
}
