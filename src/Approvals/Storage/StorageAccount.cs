using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Approvals.Storage;

/// <summary>The clients of the one storage account the app uses (<c>AzureWebJobsStorage</c>): a connection string
/// locally, identity-based service URIs (<c>AzureWebJobsStorage__tableServiceUri</c> …) in Azure.</summary>
public sealed class StorageAccount
{
    public const string ConnectionKey = "AzureWebJobsStorage";

    public StorageAccount(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
    {
        Tables = tables;
        Queues = queues;
        Blobs = blobs;
    }

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public BlobServiceClient Blobs { get; }

    /// <param name="counts">Counts every request when its setting is on; null counts nothing.</param>
    public static StorageAccount FromConfiguration(IConfiguration configuration, StorageRequestCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration[ConnectionKey];
        var tableOptions = Counted(new TableClientOptions(), counts, "table");
        var queueOptions = Counted(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, counts, "queue");
        var blobOptions = Counted(new BlobClientOptions(), counts, "blob");
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new StorageAccount(new TableServiceClient(connection, tableOptions), new QueueServiceClient(connection, queueOptions),
                new BlobServiceClient(connection, blobOptions));
        }

        var section = configuration.GetSection(ConnectionKey);
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        var blobUri = section["blobServiceUri"];
        if (tableUri is null || queueUri is null || blobUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionKey} to a connection string, or {ConnectionKey}__tableServiceUri, __queueServiceUri and __blobServiceUri for a managed identity.");
        }

        TokenCredential credential = section["clientId"] is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageAccount(
            new TableServiceClient(new Uri(tableUri), credential, tableOptions),
            new QueueServiceClient(new Uri(queueUri), credential, queueOptions),
            new BlobServiceClient(new Uri(blobUri), credential, blobOptions));
    }

    /// <summary>Adds the counting policy to <paramref name="options"/> when counting is on; each retry counts, as each
    /// is a request the storage serves.</summary>
    public static T Counted<T>(T options, StorageRequestCounts? counts, string service)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        if (counts?.PolicyFor(service) is { } policy) options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return options;
    }
}
