using System.Text;
using Approvals.Notifications;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Approvals.Storage;

/// <summary>One mail captured by the local mailbox (what <c>/dev/mailbox/messages</c> returns).</summary>
public sealed record MailboxMessage(
    string Id,
    string To,
    string Subject,
    DateTimeOffset SentAt,
    string Text,
    string Html,
    string From,
    string MessageId,
    string NotificationId,
    string WorkshopId,
    NotificationKind Kind,
    string? Link,
    IReadOnlyList<string> Attachments);

/// <summary>The local mailbox: blob container <c>mailbox</c>, one <c>{id}.json</c> (the message as JSON, recipient in
/// its metadata) and one <c>{id}.eml</c> (the raw MIME message) per mail. Ids start with reverse ticks, so a listing
/// is newest first.</summary>
public sealed class MailboxStore(StorageAccount account)
{
    private const string ToMetadata = "to";
    private const int Parallelism = 8;

    private readonly Lazy<Task<BlobContainerClient>> container = new(async () =>
    {
        var client = account.Blobs.GetBlobContainerClient(StorageNames.MailboxContainer);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public static string NewId(DateTimeOffset sentAt, string notificationId)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        var safe = string.Concat(notificationId.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
        if (safe.Length > 64) safe = safe[..64];
        return ReverseTime.Key(sentAt, safe.Length == 0 ? $"{Guid.NewGuid():N}" : safe);
    }

    public async Task SaveAsync(MailboxMessage message, byte[] raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(raw);
        var blobs = await container.Value;
        // The raw message first: a listed JSON always has its .eml.
        await blobs.GetBlobClient($"{message.Id}.eml").UploadAsync(new BinaryData(raw), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" },
        }, cancellationToken);
        await blobs.GetBlobClient($"{message.Id}.json").UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(Json.Store(message))), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
            Metadata = new Dictionary<string, string> { [ToMetadata] = Normalize(message.To) },
        }, cancellationToken);
    }

    /// <summary>Captured mails, newest first, optionally only those to one address (case-insensitive).</summary>
    public async Task<IReadOnlyList<MailboxMessage>> ListAsync(string? to, int max, CancellationToken cancellationToken = default)
    {
        var blobs = await container.Value;
        var wanted = string.IsNullOrWhiteSpace(to) ? null : Normalize(to);
        var names = new List<string>();
        await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (!item.Name.EndsWith(".json", StringComparison.Ordinal)) continue;
            if (wanted is not null && (!item.Metadata.TryGetValue(ToMetadata, out var address) || address != wanted)) continue;
            names.Add(item.Name);
            if (names.Count >= max) break;
        }

        var messages = new MailboxMessage?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => messages[i] = await ReadJsonAsync(blobs, names[i], ct));
        return messages.OfType<MailboxMessage>().ToList();
    }

    public async Task<MailboxMessage?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        IsId(id) ? await ReadJsonAsync(await container.Value, $"{id}.json", cancellationToken) : null;

    /// <summary>The raw MIME message (.eml), or null.</summary>
    public async Task<byte[]?> GetRawAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsId(id)) return null;
        var blob = (await container.Value).GetBlobClient($"{id}.eml");
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static async Task<MailboxMessage?> ReadJsonAsync(BlobContainerClient blobs, string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blobs.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return Json.Deserialize<MailboxMessage>(content.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static bool IsId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Blob metadata is ASCII: the address lower-cased and percent-encoded.</summary>
    private static string Normalize(string address) => Uri.EscapeDataString(address.Trim().ToLowerInvariant());
}
