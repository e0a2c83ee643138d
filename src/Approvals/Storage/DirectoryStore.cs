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
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {MinistryPartition}")))
        {
            ministries.Add(new Ministry(e.RowKey, e.GetString("NameEn"), e.GetString("NameZh"), Json.Deserialize<List<string>>(e.GetString("FocalPoints"))));
        }

        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RolePartition}")))
        {
            roles[e.RowKey] = Json.Deserialize<List<string>>(e.GetString("Addresses"));
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
        await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"]))
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
            await table.UpsertEntityAsync(new TableEntity(MinistryPartition, m.Code)
            {
                ["NameEn"] = m.NameEn,
                ["NameZh"] = m.NameZh,
                ["FocalPoints"] = Json.Serialize(m.FocalPoints),
            }, TableUpdateMode.Replace);
        }

        foreach (var (role, addresses) in new[]
                 {
                     (nameof(ProjectDirectory.ProjectManagers), directory.ProjectManagers),
                     (nameof(ProjectDirectory.DonorApprovers), directory.DonorApprovers),
                     (nameof(ProjectDirectory.Escalation), directory.Escalation),
                 })
        {
            await table.UpsertEntityAsync(new TableEntity(RolePartition, role) { ["Addresses"] = Json.Serialize(addresses) }, TableUpdateMode.Replace);
        }
    }
}
