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
        await table.UpsertEntityAsync(new TableEntity(workshopId, slate.Ministry)
        {
            ["Slate"] = Json.Serialize(slate),
            ["Declined"] = slate.Declined,
            ["Count"] = slate.Nominees.Count,
            ["TokenId"] = tokenId,
        }, TableUpdateMode.Replace);
    }

    public async Task<IReadOnlyList<Slate>> ListAsync(string workshopId)
    {
        var table = await tables.GetAsync(StorageNames.Nominations);
        var slates = new List<Slate>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            slates.Add(Json.Deserialize<Slate>(e.GetString("Slate")));
        }

        return slates;
    }
}
