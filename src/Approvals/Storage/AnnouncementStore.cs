using Approvals.Publication;
using Azure;
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
        var listKey = ReverseTime.Key(announcement.PublishedAt, announcement.Id);
        await table.UpsertEntityAsync(new AnnouncementRow { PartitionKey = EventPartition, RowKey = announcement.Id, Announcement = json }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new AnnouncementRow { PartitionKey = ListPartition, RowKey = listKey, Announcement = json }, TableUpdateMode.Replace);
    }

    /// <summary>The announcement published under this id, or null — also for an id no table key can hold.</summary>
    public async Task<Announcement?> GetAsync(string id)
    {
        var table = await tables.GetAsync(StorageNames.Announcements);
        try
        {
            var row = await table.FindAsync<AnnouncementRow>(EventPartition, id);
            return row is null ? null : Json.Deserialize<Announcement>(row.Announcement);
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Announcement>> ListAsync(int max)
    {
        var table = await tables.GetAsync(StorageNames.Announcements);
        var list = new List<Announcement>();
        await foreach (var row in table.QueryAsync<AnnouncementRow>(TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition}"), maxPerPage: max))
        {
            list.Add(Json.Deserialize<Announcement>(row.Announcement));
            if (list.Count >= max) break;
        }

        return list;
    }
}

/// <summary>An announcement as JSON; the same JSON under both partitions.</summary>
internal sealed class AnnouncementRow : TableRow
{
    public string Announcement { get; set; } = string.Empty;
}
