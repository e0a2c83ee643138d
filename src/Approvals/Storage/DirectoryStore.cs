using System.Security.Cryptography;
using System.Text;
using Approvals.Contacts;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The directory as one version: the document and the entity tag that names it.</summary>
public sealed record DirectoryVersion(ProjectDirectory Directory, string ETag);

/// <summary>One change staff made to the directory: who, when, what changed in short, and the versions before and after.</summary>
public sealed record DirectoryChange(string Id, DateTimeOffset At, string Actor, string Summary, string Before, string After);

/// <summary>The project directory. PK <c>Document</c> holds it as one JSON document, so a change is one write and two
/// editors cannot interleave; PK <c>Change</c> is its history, newest first. A store written before the document
/// existed has PK <c>Ministry</c> (RK = code) and PK <c>Role</c> (RK = role name), read until the first change.</summary>
/// <remarks>Every mail, page and step reads it and it almost never changes, so <see cref="LoadAsync"/> keeps the last
/// version read for <see cref="CacheLifetime"/>: a change made through this instance applies at once, one made through
/// another instance or the other host within that time. Staff reading or editing it always read the stored version.</remarks>
public sealed class DirectoryStore(Tables tables, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private const string DocumentPartition = "Document";
    private const string DocumentKey = "current";
    private const string ChangePartition = "Change";
    private const string MinistryPartition = "Ministry";
    private const string RolePartition = "Role";

    private readonly Lock gate = new();
    private Cached? cached;
    private long writes;

    public async Task<ProjectDirectory> LoadAsync()
    {
        var last = Volatile.Read(ref cached);
        return last is not null && time.GetUtcNow() - last.ReadAt < CacheLifetime ? last.Directory : (await ReadAsync()).Directory;
    }

    public async Task<DirectoryVersion> ReadAsync()
    {
        // A read that overlaps a write of this instance is not kept: it may carry the version the write replaced.
        var (startedAt, writesBefore) = (time.GetUtcNow(), Interlocked.Read(ref writes));
        var table = await tables.GetAsync(StorageNames.Directory);
        var row = await table.FindAsync<DocumentRow>(DocumentPartition, DocumentKey);
        var directory = row is null ? await LoadRowsAsync(table) : Json.Deserialize<ProjectDirectory>(row.Document);
        Keep(new Cached(directory, startedAt), writesBefore);
        return new DirectoryVersion(directory, ETagOf(directory));
    }

    /// <summary>A strong entity tag of the content: the same directory always has the same tag.</summary>
    public static string ETagOf(ProjectDirectory directory) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json.Store(directory))))[..24]}\"";

    /// <summary>Replaces the directory if it is still the version <paramref name="ifMatch"/> names ("*": any), and
    /// records the change; otherwise returns the current version and changes nothing.</summary>
    public async Task<(bool Replaced, DirectoryVersion Current)> ReplaceAsync(
        ProjectDirectory next, string ifMatch, Func<DirectoryVersion, DirectoryVersion, DirectoryChange> describe)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(describe);
        var table = await tables.GetAsync(StorageNames.Directory);
        var row = await table.FindAsync<DocumentRow>(DocumentPartition, DocumentKey);
        var before = new DirectoryVersion(row is null ? await LoadRowsAsync(table) : Json.Deserialize<ProjectDirectory>(row.Document), string.Empty);
        before = before with { ETag = ETagOf(before.Directory) };
        if (!Matches(ifMatch, before.ETag)) return (false, before);

        var after = new DirectoryVersion(next, ETagOf(next));
        var written = new DocumentRow { PartitionKey = DocumentPartition, RowKey = DocumentKey, Document = Json.Store(next) };
        try
        {
            // The row's own ETag makes the write exclusive: of two editors who read the same version, one wins.
            if (row is null) await table.AddEntityAsync(written);
            else await table.UpdateEntityAsync(written, row.ETag, TableUpdateMode.Replace);
        }
        catch (RequestFailedException e) when (e.IsConflict() || e.IsPreconditionFailed())
        {
            return (false, await ReadAsync());
        }
        finally
        {
            Forget();
        }

        var change = describe(before, after);
        await table.UpsertEntityAsync(new ChangeRow
        {
            PartitionKey = ChangePartition,
            RowKey = ReverseTime.Key(change.At, change.Id),
            Change = Json.Store(change),
        }, TableUpdateMode.Replace);
        return (true, after);
    }

    /// <summary>The changes, newest first (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<DirectoryChange>> ChangesAsync(int max)
    {
        var table = await tables.GetAsync(StorageNames.Directory);
        var changes = new List<DirectoryChange>();
        await foreach (var row in table.QueryAsync<ChangeRow>(TableClient.CreateQueryFilter($"PartitionKey eq {ChangePartition}"), maxPerPage: max))
        {
            changes.Add(Json.Deserialize<DirectoryChange>(row.Change));
            if (changes.Count >= max) break;
        }

        return changes;
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

    /// <summary>Seeds an empty store (a change goes through <see cref="ReplaceAsync"/>).</summary>
    public async Task SaveAsync(ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var table = await tables.GetAsync(StorageNames.Directory);
        try
        {
            await table.UpsertEntityAsync(
                new DocumentRow { PartitionKey = DocumentPartition, RowKey = DocumentKey, Document = Json.Store(directory) }, TableUpdateMode.Replace);
        }
        finally
        {
            Forget();
        }
    }

    /// <summary>Drops the kept version after a write, whether or not the write went through (a timeout may hide one that did).</summary>
    private void Forget()
    {
        lock (gate)
        {
            Interlocked.Increment(ref writes);
            Volatile.Write(ref cached, null);
        }
    }

    private void Keep(Cached read, long writesBefore)
    {
        lock (gate)
        {
            if (Interlocked.Read(ref writes) == writesBefore) Volatile.Write(ref cached, read);
        }
    }

    private sealed record Cached(ProjectDirectory Directory, DateTimeOffset ReadAt);

    private static bool Matches(string ifMatch, string etag) =>
        ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(t => t == "*" || t == etag);

    private static async Task<ProjectDirectory> LoadRowsAsync(TableClient table)
    {
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
}

/// <summary>The whole directory as JSON.</summary>
internal sealed class DocumentRow : TableRow
{
    public string Document { get; set; } = string.Empty;
}

/// <summary>One <see cref="DirectoryChange"/> as JSON (RK = reverse time and id, newest first).</summary>
internal sealed class ChangeRow : TableRow
{
    public string Change { get; set; } = string.Empty;
}

/// <summary>A ministry of a directory stored before the document (RK = its code); focal points as a JSON array.</summary>
internal sealed class MinistryRow : TableRow
{
    public string NameEn { get; set; } = string.Empty;
    public string NameZh { get; set; } = string.Empty;
    public string FocalPoints { get; set; } = string.Empty;

    public Ministry ToMinistry() => new(RowKey, NameEn, NameZh, Json.Deserialize<List<string>>(FocalPoints));
}

/// <summary>The addresses holding one role in a directory stored before the document (RK = the role's name).</summary>
internal sealed class RoleRow : TableRow
{
    public string Addresses { get; set; } = string.Empty;
}
