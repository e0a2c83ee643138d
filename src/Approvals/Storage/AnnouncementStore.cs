using System.Globalization;
using Approvals.Publication;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>Published announcements: PK <c>event</c> (RK = id) for reading one, PK <c>list</c> (RK = reverse time)
/// for the newest-first list.</summary>
public sealed class AnnouncementStore(Tables tables)
{
    private const string EventPartition = "event";
    private const string ListPartition = "list";

    public async Task SaveAsync(Announcement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var table = await tables.GetAsync(StorageNames.Announcements);
        var json = Json.Serialize(announcement);
        var listKey = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - announcement.PublishedAt.UtcTicks:D19}-{announcement.Id}");
        await table.UpsertEntityAsync(new TableEntity(EventPartition, announcement.Id) { ["Announcement"] = json }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity(ListPartition, listKey) { ["Announcement"] = json }, TableUpdateMode.Replace);
    }

    public async Task<Announcement?> GetAsync(string id)
    {
        var table = await tables.GetAsync(StorageNames.Announcements);
        var entity = await table.FindAsync<TableEntity>(EventPartition, id);
        return entity is null ? null : Json.Deserialize<Announcement>(entity.GetString("Announcement"));
    }

    public async Task<IReadOnlyList<Announcement>> ListAsync(int max)
    {
        var table = await tables.GetAsync(StorageNames.Announcements);
        var list = new List<Announcement>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition}"), maxPerPage: max))
        {
            list.Add(Json.Deserialize<Announcement>(e.GetString("Announcement")));
            if (list.Count >= max) break;
        }

        return list;
    }
}
