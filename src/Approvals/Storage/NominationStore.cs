using Approvals.Nominations;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>Accepted slates: PK = workshop id, RK = ministry code; a replaced slate overwrites the previous one.</summary>
public sealed class NominationStore(Tables tables)
{
    public async Task SaveAsync(string workshopId, Slate slate, string? tokenId)
    {
        ArgumentNullException.ThrowIfNull(slate);
        var table = await tables.GetAsync(StorageNames.Nominations);
        var row = new SlateRow
        {
            PartitionKey = workshopId,
            RowKey = slate.Ministry,
            Slate = Json.Serialize(slate),
            Declined = slate.Declined,
            Count = slate.Nominees.Count,
            TokenId = tokenId,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
    }

    public async Task<IReadOnlyList<Slate>> ListAsync(string workshopId)
    {
        var table = await tables.GetAsync(StorageNames.Nominations);
        var slates = new List<Slate>();
        await foreach (var row in table.QueryAsync<SlateRow>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            slates.Add(Json.Deserialize<Slate>(row.Slate));
        }

        return slates;
    }
}

/// <summary>A ministry's slate as JSON (RK = ministry code), with whether it declined, how many it nominated and the
/// token it came with as columns.</summary>
internal sealed class SlateRow : TableRow
{
    public string Slate { get; set; } = string.Empty;
    public bool Declined { get; set; }
    public int Count { get; set; }
    public string? TokenId { get; set; }
}
