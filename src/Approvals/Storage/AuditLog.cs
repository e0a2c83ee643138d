using System.Globalization;
using System.Runtime.CompilerServices;
using Approvals.Workflow;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The business audit log. A workshop's lines live in its own partition of <see cref="StorageNames.Workshops"/>
/// (row key = time + entry id, so a retried write lands once, and sorting before the snapshot's row), where a workflow
/// step writes its line in one transaction with the snapshot (<see cref="WorkshopStore.ApplyAsync"/>). Workshops stored
/// before that kept their earlier lines in <see cref="StorageNames.Audit"/>, which is still read for them. Each line is
/// also written to <see cref="StorageNames.AuditByDay"/> (PK = UTC day), which an export across workshops reads day by
/// day instead of scanning every workshop's partition.</summary>
public sealed class AuditLog(Tables tables)
{
    public async Task AppendAsync(string workshopId, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = AuditRow.From(workshopId, entry);
        var table = await tables.GetAsync(StorageNames.Workshops);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        await IndexByDayAsync(tables, workshopId, row, entry.At);
    }

    /// <summary>The day index's copy of a line already stored in the workshop's partition.</summary>
    internal static async Task IndexByDayAsync(Tables tables, string workshopId, AuditRow row, DateTimeOffset at)
    {
        var byDay = await tables.GetAsync(StorageNames.AuditByDay);
        await byDay.UpsertEntityAsync(row.ForDay(workshopId, at), TableUpdateMode.Replace);
    }

    /// <summary>Every workshop's lines from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest
    /// first: one partition read per UTC day in the range.</summary>
    public async IAsyncEnumerable<(string WorkshopId, AuditEntry Entry)> ListAsync(
        DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageNames.AuditByDay);
        var first = AuditRow.TimeKey(from);
        var last = AuditRow.TimeKey(to);
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AuditRow.DayKey(day)} and RowKey ge {first} and RowKey lt {last}");
            await foreach (var row in table.QueryAsync<AuditRow>(filter, cancellationToken: cancellationToken))
            {
                yield return (row.WorkshopId!, row.ToEntry());
            }
        }
    }

    /// <summary>A workshop's history, oldest first: one read of its partition, and for a workshop stored before its lines
    /// moved there (its snapshot row does not say <c>AuditInPartition</c>) one of the earlier table too.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string workshopId)
    {
        var lines = new SortedDictionary<string, AuditEntry>(StringComparer.Ordinal);
        var earlier = true;
        var workshops = await tables.GetAsync(StorageNames.Workshops);
        await foreach (var row in workshops.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            if (row.RowKey == WorkshopRow.Key) earlier = row.GetBoolean(nameof(WorkshopRow.AuditInPartition)) != true;
            else if (row.GetString(nameof(AuditRow.Entry)) is { } entry) lines[row.RowKey] = Json.Deserialize<AuditEntry>(entry);
        }

        if (earlier)
        {
            var table = await tables.GetAsync(StorageNames.Audit);
            await foreach (var row in table.QueryAsync<AuditRow>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
            {
                lines.TryAdd(row.RowKey, row.ToEntry());
            }
        }

        return [.. lines.Values];
    }
}

/// <summary>One audit line: the whole entry as JSON, and its stage, action and actor as columns for reading the table by eye.</summary>
internal sealed class AuditRow : TableRow
{
    public string Entry { get; set; } = string.Empty;
    public Stage Stage { get; set; }
    public string Action { get; set; } = string.Empty;
    public string Actor { get; set; } = string.Empty;

    /// <summary>Set on the day index only, where the partition is the day.</summary>
    public string? WorkshopId { get; set; }

    /// <summary>Request fields and comments are cut to these lengths, so writing the audit line can never fail on size
    /// after what it records (a decision, a slate) was stored.</summary>
    public const int MaxUserAgent = 512;
    public const int MaxClientIp = 64;
    public const int MaxActor = 254;
    public const int MaxComment = 4000;

    public static AuditRow From(string workshopId, AuditEntry entry)
    {
        var kept = entry with
        {
            Actor = TextClip.Clip(entry.Actor, MaxActor)!,
            Comment = TextClip.Clip(entry.Comment, MaxComment),
            ClientIp = TextClip.Clip(entry.ClientIp, MaxClientIp),
            UserAgent = TextClip.Clip(entry.UserAgent, MaxUserAgent),
        };
        return new()
        {
            PartitionKey = workshopId,
            RowKey = $"{TimeKey(entry.At)}-{entry.Id}",
            Entry = Json.Store(kept),
            Stage = kept.Stage,
            Action = kept.Action,
            Actor = kept.Actor,
        };
    }

    public AuditEntry ToEntry() => Json.Deserialize<AuditEntry>(Entry);

    /// <summary>The same line in the day index: the workshop id moves into the row key, after the time, so the day's
    /// lines sort by time across workshops.</summary>
    public AuditRow ForDay(string workshopId, DateTimeOffset at) => new()
    {
        PartitionKey = DayKey(at.UtcDateTime),
        RowKey = $"{RowKey[..19]}-{workshopId}{RowKey[19..]}",
        Entry = Entry,
        Stage = Stage,
        Action = Action,
        Actor = Actor,
        WorkshopId = workshopId,
    };

    public static string TimeKey(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}");

    public static string DayKey(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
