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
        var listKey = ReverseTime.Key(announcement.PublishedAt, announcement.Id);
        await table.UpsertEntityAsync(AnnouncementRow.From(EventPartition, announcement.Id, announcement), TableUpdateMode.Replace);
        await table.UpsertEntityAsync(AnnouncementRow.From(ListPartition, listKey, announcement), TableUpdateMode.Replace);
    }

    /// <summary>The announcement published under this id, or null — also for an id no table key can hold.</summary>
    public async Task<Announcement?> GetAsync(string id)
    {
        var table = await tables.GetAsync(StorageNames.Announcements);
        try
        {
            var row = await table.FindAsync<AnnouncementRow>(EventPartition, id);
            return row?.ToAnnouncement();
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
            list.Add(row.ToAnnouncement());
            if (list.Count >= max) break;
        }

        return list;
    }
}

/// <summary>An announcement as JSON, the same under both partitions. The ministries (names from the directory) are a
/// property of their own: with the proposal's texts at their budgets the two would not fit one property.</summary>
internal sealed class AnnouncementRow : TableRow
{
    public string Announcement { get; set; } = string.Empty;
    public string? Ministries { get; set; }

    public static AnnouncementRow From(string partition, string rowKey, Announcement a) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        Announcement = Json.Store(a with { Ministries = [] }),
        Ministries = Json.Store(a.Ministries),
    };

    public Announcement ToAnnouncement()
    {
        var announcement = Json.Deserialize<Announcement>(Announcement);
        return Ministries is null ? announcement : announcement with { Ministries = Json.Deserialize<List<ParticipatingMinistry>>(Ministries) };
    }
}
