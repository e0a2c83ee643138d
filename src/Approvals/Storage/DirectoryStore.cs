using Approvals.Contacts;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The project directory: PK <c>Ministry</c> (RK = code) and PK <c>Role</c> (RK = role name).</summary>
public sealed class DirectoryStore(Tables tables)
{
    private const string MinistryPartition = "Ministry";
    private const string RolePartition = "Role";

    public async Task<ProjectDirectory> LoadAsync()
    {
        var table = await tables.GetAsync(StorageNames.Directory);
        var ministries = new List<Ministry>();
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<MinistryRow>(TableClient.CreateQueryFilter($"PartitionKey eq {MinistryPartition}")))
        {
            ministries.Add(row.ToMinistry());
        }

        await foreach (var row in table.QueryAsync<RoleRow>(TableClient.CreateQueryFilter($"PartitionKey eq {RolePartition}")))
        {
            roles[row.RowKey] = Json.Deserialize<List<string>>(row.Addresses);
        }

        return new ProjectDirectory(
            roles.GetValueOrDefault(nameof(ProjectDirectory.ProjectManagers)) ?? [],
            roles.GetValueOrDefault(nameof(ProjectDirectory.DonorApprovers)) ?? [],
            roles.GetValueOrDefault(nameof(ProjectDirectory.Escalation)) ?? [],
            ministries);
    }

    public async Task<bool> IsEmptyAsync()
    {
        var table = await tables.GetAsync(StorageNames.Directory);
        await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: [nameof(ITableEntity.PartitionKey)]))
        {
            return false;
        }

        return true;
    }

    public async Task SaveAsync(ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var table = await tables.GetAsync(StorageNames.Directory);
        foreach (var m in directory.Ministries)
        {
            await table.UpsertEntityAsync(MinistryRow.From(MinistryPartition, m), TableUpdateMode.Replace);
        }

        foreach (var (role, addresses) in new[]
                 {
                     (nameof(ProjectDirectory.ProjectManagers), directory.ProjectManagers),
                     (nameof(ProjectDirectory.DonorApprovers), directory.DonorApprovers),
                     (nameof(ProjectDirectory.Escalation), directory.Escalation),
                 })
        {
            var row = new RoleRow { PartitionKey = RolePartition, RowKey = role, Addresses = Json.Store(addresses) };
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }
    }
}

/// <summary>A ministry of the directory (RK = its code); focal points as a JSON array.</summary>
internal sealed class MinistryRow : TableRow
{
    public string NameEn { get; set; } = string.Empty;
    public string NameZh { get; set; } = string.Empty;
    public string FocalPoints { get; set; } = string.Empty;

    public static MinistryRow From(string partition, Ministry m) => new()
    {
        PartitionKey = partition,
        RowKey = m.Code,
        NameEn = m.NameEn,
        NameZh = m.NameZh,
        FocalPoints = Json.Store(m.FocalPoints),
    };

    public Ministry ToMinistry() => new(RowKey, NameEn, NameZh, Json.Deserialize<List<string>>(FocalPoints));
}

/// <summary>The addresses holding one role (RK = the role's name), as a JSON array.</summary>
internal sealed class RoleRow : TableRow
{
    public string Addresses { get; set; } = string.Empty;
}
