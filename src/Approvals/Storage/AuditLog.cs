using System.Globalization;
using System.Runtime.CompilerServices;
using Approvals.Workflow;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The business audit log: PK = workshop id, row key = time + entry id, so a retried write lands once. Each line
/// is also written to <see cref="StorageNames.AuditByDay"/> (PK = UTC day), which an export across workshops reads day by
/// day instead of scanning every workshop's partition.</summary>
public sealed class AuditLog(Tables tables)
{
    public async Task AppendAsync(string workshopId, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = AuditRow.From(workshopId, entry);
        var table = await tables.GetAsync(StorageNames.Audit);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        var byDay = await tables.GetAsync(StorageNames.AuditByDay);
        await byDay.UpsertEntityAsync(row.ForDay(workshopId, entry.At), TableUpdateMode.Replace);
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

    /// <summary>A workshop's history, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string workshopId)
    {
        var table = await tables.GetAsync(StorageNames.Audit);
        var entries = new List<AuditEntry>();
        await foreach (var row in table.QueryAsync<AuditRow>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            entries.Add(row.ToEntry());
        }

        return entries;
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
