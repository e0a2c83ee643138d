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

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration[ConnectionKey];
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new StorageAccount(new TableServiceClient(connection), new QueueServiceClient(connection, queueOptions), new BlobServiceClient(connection));
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
            new TableServiceClient(new Uri(tableUri), credential),
            new QueueServiceClient(new Uri(queueUri), credential, queueOptions),
            new BlobServiceClient(new Uri(blobUri), credential));
    }
}
