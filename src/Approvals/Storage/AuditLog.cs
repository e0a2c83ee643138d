using System.Globalization;
using Approvals.Workflow;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The business audit log: PK = workshop id, row key = time + entry id, so a retried write lands once.</summary>
public sealed class AuditLog(Tables tables)
{
    public async Task AppendAsync(string workshopId, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await tables.GetAsync(StorageNames.Audit);
        await table.UpsertEntityAsync(AuditRow.From(workshopId, entry), TableUpdateMode.Replace);
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
            RowKey = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{entry.Id}"),
            Entry = Json.Store(kept),
            Stage = kept.Stage,
            Action = kept.Action,
            Actor = kept.Actor,
        };
    }

    public AuditEntry ToEntry() => Json.Deserialize<AuditEntry>(Entry);
}
