using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>Table clients by name; each table is created once per process on first use.</summary>
public sealed class Tables(StorageAccount account)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> clients = new(StringComparer.Ordinal);

    public Task<TableClient> GetAsync(string name) =>
        clients.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n))).Value;

    private async Task<TableClient> CreateAsync(string name)
    {
        var client = account.Tables.GetTableClient(name);
        try
        {
            await client.CreateIfNotExistsAsync();
        }
        catch (RequestFailedException)
        {
            clients.TryRemove(name, out _);
            throw;
        }

        return client;
    }

    /// <summary>Creates every table, queue and container the app uses.</summary>
    public async Task EnsureAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in StorageNames.AllTables) await GetAsync(name);
        await account.Queues.GetQueueClient(StorageNames.NotificationsQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await account.Queues.GetQueueClient(StorageNames.NotificationsPoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await account.Blobs.GetBlobContainerClient(StorageNames.MailboxContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}

internal static class TableExtensions
{
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey);
        return response.HasValue ? response.Value : null;
    }

    public static bool IsConflict(this RequestFailedException e) => e.Status == 409;

    public static bool IsPreconditionFailed(this RequestFailedException e) => e.Status == 412;
}
