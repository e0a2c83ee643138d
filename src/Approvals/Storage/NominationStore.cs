using System.Globalization;
using Approvals.Nominations;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>Accepted slates, PK = workshop id: one row per ministry (RK <c>slate|{ministry}</c>) saying which version
/// of its list is current, and one row per nominee (RK <c>nominee|{ministry}|{version}|{index}</c>), so a quota of a
/// thousand nominees never meets a Table property's size limit. A replaced slate's rows are written before the
/// ministry's row points at them and deleted after, so a reader always sees one whole list.</summary>
public sealed class NominationStore(Tables tables)
{
    /// <summary>The most rows one entity-group transaction takes.</summary>
    private const int BatchSize = 100;

    private const string SlatePrefix = "slate|";
    private const string NomineePrefix = "nominee|";

    /// <summary>Stores a ministry's slate: one read of what it has on file and, for a list of up to about 95
    /// nominees, one transaction that writes the new rows, points the ministry's row at them and deletes the old ones.
    /// A longer list is written in order instead: new rows, then the ministry's row, then the old rows' deletion.</summary>
    /// <param name="first">The workflow kept no list of this ministry before: the list then goes in one transaction
    /// that adds the ministry's row, with no read first. Should a row be there after all (a retried step), the
    /// transaction changes nothing and the list is stored as a replacement.</param>
    public async Task SaveAsync(string workshopId, Slate slate, string? tokenId, bool first = false)
    {
        ArgumentNullException.ThrowIfNull(slate);
        var table = await tables.GetAsync(StorageNames.Nominations);
        var version = SlateFingerprint.Of(slate);
        if (first && slate.Nominees.Count < BatchSize)
        {
            try
            {
                await table.SubmitTransactionAsync([
                    .. slate.Nominees.Select((n, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                        NomineeRow.From(workshopId, RowKeyOf(slate.Ministry, version, i), n))),
                    new TableTransactionAction(TableTransactionActionType.Add, SlateRow.From(workshopId, slate, version, tokenId))]);
                return;
            }
            catch (TableTransactionFailedException e) when (e.IsConflict())
            {
            }
        }

        var prefix = $"{NomineePrefix}{slate.Ministry}|";
        var head = SlatePrefix + slate.Ministry;
        string? current = null;
        var stale = new List<TableTransactionAction>();
        var filter = $"({InRange(workshopId, prefix)}) or ({TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey eq {head}")})";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [nameof(ITableEntity.RowKey), nameof(SlateRow.Version)]))
        {
            if (row.RowKey == head) current = row.GetString(nameof(SlateRow.Version));
            else if (!row.RowKey.StartsWith($"{prefix}{version}|", StringComparison.Ordinal))
                stale.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(workshopId, row.RowKey), ETag.All));
        }

        // Also after a retry that found the new version already current: a crash may have left the old rows.
        if (current == version)
        {
            await SubmitAsync(table, stale);
            return;
        }

        var rows = slate.Nominees.Select((n, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            NomineeRow.From(workshopId, RowKeyOf(slate.Ministry, version, i), n))).ToList();
        var pointer = SlateRow.From(workshopId, slate, version, tokenId);
        if (rows.Count + 1 + stale.Count <= BatchSize)
        {
            await table.SubmitTransactionAsync([.. rows, new TableTransactionAction(TableTransactionActionType.UpsertReplace, pointer), .. stale]);
            return;
        }

        await SubmitAsync(table, rows);
        await table.UpsertEntityAsync(pointer, TableUpdateMode.Replace);
        await SubmitAsync(table, stale);
    }

    public async Task<IReadOnlyList<Slate>> ListAsync(string workshopId) => [.. (await ListStoredAsync(workshopId)).Select(s => s.Slate)];

    /// <summary>Every ministry's list on file with its fingerprint (<see cref="SlateFingerprint"/>), in one read.</summary>
    public async Task<IReadOnlyList<StoredSlate>> ListStoredAsync(string workshopId)
    {
        var table = await tables.GetAsync(StorageNames.Nominations);
        var heads = new List<SlateRow>();
        var nominees = new Dictionary<string, List<Nominee>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            if (row.RowKey.StartsWith(SlatePrefix, StringComparison.Ordinal))
            {
                heads.Add(SlateRow.Of(row));
            }
            else if (row.RowKey.StartsWith(NomineePrefix, StringComparison.Ordinal))
            {
                // Row keys sort by index within a version, so each list is read in the order it was sent.
                var list = row.RowKey[..(row.RowKey.LastIndexOf('|') + 1)];
                if (!nominees.TryGetValue(list, out var found)) nominees[list] = found = [];
                found.Add(NomineeRow.Of(row));
            }
        }

        return heads
            .Select(h => new StoredSlate(h.ToSlate(h.Declined ? [] : nominees.GetValueOrDefault($"{NomineePrefix}{h.RowKey[SlatePrefix.Length..]}|{h.Version}|") ?? []), h.Version))
            .ToList();
    }

    private static string RowKeyOf(string ministry, string version, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{NomineePrefix}{ministry}|{version}|{index:D4}");

    private static string InRange(string partition, string prefix)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}");
    }

    private static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions)
    {
        foreach (var batch in actions.Chunk(BatchSize))
        {
            await table.SubmitTransactionAsync(batch);
        }
    }
}

/// <summary>A ministry's list on file and the fingerprint it was stored under.</summary>
public sealed record StoredSlate(Slate Slate, string Version);

/// <summary>A ministry's current slate (RK <c>slate|{ministry}</c>): the version its nominee rows carry, whether it
/// declined, how many it nominated, who sent it when, and the token it came with.</summary>
internal sealed class SlateRow : TableRow
{
    public string Ministry { get; set; } = string.Empty;
    public string Version { get; set; } = string.Empty;
    public bool Declined { get; set; }
    public int Count { get; set; }
    public string SubmittedBy { get; set; } = string.Empty;
    public DateTimeOffset SubmittedAt { get; set; }
    public string? TokenId { get; set; }

    public static SlateRow From(string workshopId, Slate slate, string version, string? tokenId) => new()
    {
        PartitionKey = workshopId,
        RowKey = "slate|" + slate.Ministry,
        Ministry = slate.Ministry,
        Version = version,
        Declined = slate.Declined,
        Count = slate.Nominees.Count,
        SubmittedBy = slate.SubmittedBy,
        SubmittedAt = slate.SubmittedAt,
        TokenId = tokenId,
    };

    public static SlateRow Of(TableEntity e) => new()
    {
        PartitionKey = e.PartitionKey,
        RowKey = e.RowKey,
        Ministry = e.GetString(nameof(Ministry)) ?? string.Empty,
        Version = e.GetString(nameof(Version)) ?? string.Empty,
        Declined = e.GetBoolean(nameof(Declined)) ?? false,
        Count = e.GetInt32(nameof(Count)) ?? 0,
        SubmittedBy = e.GetString(nameof(SubmittedBy)) ?? string.Empty,
        SubmittedAt = e.GetDateTimeOffset(nameof(SubmittedAt)) ?? default,
        TokenId = e.GetString(nameof(TokenId)),
    };

    public Slate ToSlate(IReadOnlyList<Nominee> nominees) => new(Ministry, nominees, Declined, SubmittedBy, SubmittedAt);
}

/// <summary>One nominee of one version of a ministry's slate.</summary>
internal sealed class NomineeRow : TableRow
{
    public string Name { get; set; } = string.Empty;
    public string? NameZh { get; set; }
    public string Position { get; set; } = string.Empty;
    public string Sex { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;

    public static NomineeRow From(string workshopId, string rowKey, Nominee n) => new()
    {
        PartitionKey = workshopId,
        RowKey = rowKey,
        Name = n.Name,
        NameZh = n.NameZh,
        Position = n.Position,
        Sex = n.Sex.ToString(),
        Email = n.Email,
    };

    public static Nominee Of(TableEntity e) => new(
        e.GetString(nameof(Name)) ?? string.Empty,
        e.GetString(nameof(NameZh)),
        e.GetString(nameof(Position)) ?? string.Empty,
        Enum.TryParse<Nominations.Sex>(e.GetString(nameof(Sex)), out var sex) ? sex : Nominations.Sex.Undisclosed,
        e.GetString(nameof(Email)) ?? string.Empty);
}
