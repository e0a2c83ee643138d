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
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{entry.Id}");
        var entity = new TableEntity(workshopId, rowKey)
        {
            ["Entry"] = Json.Serialize(entry),
            ["Stage"] = entry.Stage.ToString(),
            ["Action"] = entry.Action,
            ["Actor"] = entry.Actor,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
    }

    /// <summary>A workshop's history, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string workshopId)
    {
        var table = await tables.GetAsync(StorageNames.Audit);
        var entries = new List<AuditEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            entries.Add(Json.Deserialize<AuditEntry>(e.GetString("Entry")));
        }

        return entries;
    }
}
