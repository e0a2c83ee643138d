using Approvals.Storage;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>Reading a store's request counter in a test that drives the store directly.</summary>
public static class StorageCounts
{
    /// <summary>How many requests of one kind (<c>table/Workshops point read</c>) were sent between two snapshots.</summary>
    public static long Delta(StorageRequestSnapshot before, StorageRequestSnapshot after, string operation)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.ByOperation.GetValueOrDefault(operation) - before.ByOperation.GetValueOrDefault(operation);
    }
}
