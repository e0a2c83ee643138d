using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>Who first claimed an <c>Idempotency-Key</c>, and with which body.</summary>
public sealed record IdempotencyClaim(string WorkshopId, string BodyHash, bool IsNew);

/// <summary>Idempotency keys: the first request to insert a key wins (conditional insert); later ones read it.</summary>
public sealed class IdempotencyStore(Tables tables)
{
    private const string Partition = "key";

    public async Task<IdempotencyClaim> ClaimAsync(string key, string bodyHash, string candidateWorkshopId)
    {
        var table = await tables.GetAsync(StorageNames.Idempotency);
        var rowKey = Hash(key);
        try
        {
            await table.AddEntityAsync(new IdempotencyRow { PartitionKey = Partition, RowKey = rowKey, WorkshopId = candidateWorkshopId, BodyHash = bodyHash });
            return new IdempotencyClaim(candidateWorkshopId, bodyHash, IsNew: true);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            var existing = (await table.GetEntityAsync<IdempotencyRow>(Partition, rowKey)).Value;
            return new IdempotencyClaim(existing.WorkshopId, existing.BodyHash, IsNew: false);
        }
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

/// <summary>A claimed key (RK = its hash): the workshop it created and the hash of the body that created it.</summary>
internal sealed class IdempotencyRow : TableRow
{
    public string WorkshopId { get; set; } = string.Empty;
    public string BodyHash { get; set; } = string.Empty;
}
