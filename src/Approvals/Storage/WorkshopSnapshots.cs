using Azure;
using Microsoft.Extensions.Caching.Memory;

namespace Approvals.Storage;

/// <summary>The workshop rows this process last stored or read, with their ETags, so the workflow's next step can be
/// written against the ETag without reading the row first. Only a hint: a write with a stale ETag fails (412) and the
/// step reads the row and applies again, so another server's write, a page's or one this process never saw is never
/// overwritten. Bounded (<see cref="Capacity"/> rows, the least used dropped first).</summary>
internal sealed class WorkshopSnapshots
{
    public const int Capacity = 1024;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public void Remember(WorkshopRecord record, long? sequence, ETag etag)
    {
        if (etag == default) return;
        cache.Set(record.Id, new Snapshot(record, sequence ?? 0, etag), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
    }

    public void Forget(string id) => cache.Remove(id);

    /// <summary>The row as this process last knew it, when that is older than step <paramref name="sequence"/>; null
    /// otherwise (unknown, or a retried or redelivered step, which reads what is stored).</summary>
    public Snapshot? Before(string id, long sequence) =>
        cache.TryGetValue(id, out Snapshot? known) && known!.Sequence < sequence ? known : null;

    public sealed record Snapshot(WorkshopRecord Record, long Sequence, ETag ETag);
}
