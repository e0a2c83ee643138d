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

    public static AuditRow From(string workshopId, AuditEntry entry) => new()
    {
        PartitionKey = workshopId,
        RowKey = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{entry.Id}"),
        Entry = Json.Serialize(entry),
        Stage = entry.Stage,
        Action = entry.Action,
        Actor = entry.Actor,
    };

    public AuditEntry ToEntry() => Json.Deserialize<AuditEntry>(Entry);
}
