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

    public async Task SaveAsync(string workshopId, Slate slate, string? tokenId)
    {
        ArgumentNullException.ThrowIfNull(slate);
        var table = await tables.GetAsync(StorageNames.Nominations);
        var version = SlateFingerprint.Of(slate);
        var current = await table.FindAsync<SlateRow>(workshopId, SlatePrefix + slate.Ministry);
        if (current?.Version != version)
        {
            var rows = slate.Nominees.Select((n, i) => NomineeRow.From(workshopId, RowKeyOf(slate.Ministry, version, i), n));
            await SubmitAsync(table, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
            await table.UpsertEntityAsync(SlateRow.From(workshopId, slate, version, tokenId), TableUpdateMode.Replace);
        }

        // Also after a retry that found the new version already current: a crash may have left the old rows.
        var stale = new List<TableTransactionAction>();
        var prefix = $"{NomineePrefix}{slate.Ministry}|";
        await foreach (var row in table.QueryAsync<TableEntity>(InRange(workshopId, prefix), select: [nameof(ITableEntity.RowKey)]))
        {
            if (!row.RowKey.StartsWith($"{prefix}{version}|", StringComparison.Ordinal))
                stale.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(workshopId, row.RowKey), ETag.All));
        }

        await SubmitAsync(table, stale);
    }

    /// <summary>The fingerprint of the slate currently stored for a ministry (see <see cref="SlateFingerprint"/>), or null.</summary>
    public async Task<string?> FingerprintAsync(string workshopId, string ministry)
    {
        var table = await tables.GetAsync(StorageNames.Nominations);
        return (await table.FindAsync<SlateRow>(workshopId, SlatePrefix + ministry))?.Version;
    }

    public async Task<IReadOnlyList<Slate>> ListAsync(string workshopId)
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
            .Select(h => h.ToSlate(h.Declined ? [] : nominees.GetValueOrDefault($"{NomineePrefix}{h.RowKey[SlatePrefix.Length..]}|{h.Version}|") ?? []))
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
