using Approvals.Notifications;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Approvals.Storage;

/// <summary>What happened to a claim: this caller may send, the mail was sent already, or another delivery holds a
/// live claim on it.</summary>
public enum SendClaimState
{
    Claimed,
    AlreadySent,
    InProgress,
}

/// <summary>A claim on sending one notification's mail (see <see cref="SentMailStore"/>).</summary>
public sealed class SendClaim
{
    internal SendClaim(SendClaimState state, string notificationId, string partitionKey, string rowKey, ETag etag, int attempt,
        DateTimeOffset? leaseEndsAt = null)
    {
        LeaseEndsAt = leaseEndsAt;
        State = state;
        NotificationId = notificationId;
        PartitionKey = partitionKey;
        RowKey = rowKey;
        ETag = etag;
        Attempt = attempt;
    }

    public SendClaimState State { get; }
    public int Attempt { get; }

    /// <summary>For a claim <see cref="SendClaimState.InProgress"/>: when the other delivery's lease runs out, if known.</summary>
    public DateTimeOffset? LeaseEndsAt { get; }

    internal string NotificationId { get; }
    internal string PartitionKey { get; }
    internal string RowKey { get; }
    internal ETag ETag { get; }
}

/// <summary>The record of a notification's mail, as stored in <c>SentMail</c>.</summary>
public sealed record SentMailRecord(string NotificationId, string WorkshopId, string Status, int Attempts, DateTimeOffset? SentAt, string? Receipt, string? LastError);

/// <summary>Table <c>SentMail</c> (PK = workshop id, RK = notification id): makes sending idempotent per notification.
/// A delivery first claims the row by a conditional insert (or, for a failed or abandoned attempt, a conditional
/// update), sends, then marks it sent. Two deliveries racing for one notification: one claim wins, the other sees
/// <see cref="SendClaimState.InProgress"/> and retries later, by when the row says Sent.</summary>
public sealed partial class SentMailStore(Tables tables, TimeProvider time, ILogger<SentMailStore> logger)
{
    public const string Sending = "Sending";
    public const string Sent = "Sent";
    public const string Failed = "Failed";

    /// <param name="lease">How long a claim in progress keeps others off; after that its sender is taken for dead.</param>
    public async Task<SendClaim> ClaimAsync(Notification notification, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var table = await tables.GetAsync(StorageNames.SentMail);
        var (pk, rk) = Keys(notification.WorkshopId, notification.Id);
        for (var round = 0; round < 5; round++)
        {
            var now = time.GetUtcNow();
            try
            {
                var created = await table.AddEntityAsync(new SentMailRow
                {
                    PartitionKey = pk,
                    RowKey = rk,
                    Status = Sending,
                    ClaimedAt = now,
                    Attempts = 1,
                    WorkshopId = notification.WorkshopId,
                    Kind = notification.Kind.ToString(),
                    To = notification.To,
                });
                return new SendClaim(SendClaimState.Claimed, notification.Id, pk, rk, created.Headers.ETag ?? ETag.All, 1);
            }
            catch (RequestFailedException e) when (e.IsConflict())
            {
                // Someone recorded this notification before: look at how far they got.
            }

            var existing = await table.FindAsync<SentMailRow>(pk, rk);
            if (existing is null) continue;
            if (existing.Status == Sent) return new SendClaim(SendClaimState.AlreadySent, notification.Id, pk, rk, existing.ETag, existing.Attempts ?? 1);
            if (existing.Status == Sending && existing.ClaimedAt is { } claimed && claimed + lease > now)
            {
                return new SendClaim(SendClaimState.InProgress, notification.Id, pk, rk, existing.ETag, existing.Attempts ?? 1, claimed + lease);
            }

            // A failed attempt, or a claim whose sender died before finishing: take it over, unless someone else does first.
            var attempt = (existing.Attempts ?? 0) + 1;
            existing.Status = Sending;
            existing.ClaimedAt = now;
            existing.Attempts = attempt;
            try
            {
                var updated = await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace);
                return new SendClaim(SendClaimState.Claimed, notification.Id, pk, rk, updated.Headers.ETag ?? ETag.All, attempt);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.Status == 404)
            {
                // Lost the race for the takeover: look again.
            }
        }

        return new SendClaim(SendClaimState.InProgress, notification.Id, pk, rk, default, 0);
    }

    /// <summary>Records the mail as sent. Returns false when another delivery had taken the claim over meanwhile (its
    /// lease had expired), so the mail may have gone out twice.</summary>
    public async Task<bool> MarkSentAsync(SendClaim claim, string receipt)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await tables.GetAsync(StorageNames.SentMail);
        var entity = SentEntity(claim, receipt, time.GetUtcNow());
        try
        {
            await table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Merge);
            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.Status == 404)
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Merge);
            return false;
        }
    }

    /// <summary>Gives the claim up after a failed send, so the next delivery may try at once. When storage cannot be
    /// reached either, the claim simply expires after its lease.</summary>
    public async Task ReleaseAsync(SendClaim claim, string error)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await tables.GetAsync(StorageNames.SentMail);
        var entity = new TableEntity(claim.PartitionKey, claim.RowKey)
        {
            [nameof(SentMailRow.Status)] = Failed,
            [nameof(SentMailRow.LastError)] = Truncate(error),
            [nameof(SentMailRow.FailedAt)] = time.GetUtcNow(),
        };
        try
        {
            await table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Merge);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.Status == 404)
        {
            // Someone else holds or finished it now; their record stands.
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(e, "Could not release the send claim of notification {NotificationId}", claim.NotificationId);
        }
    }

    public async Task<SentMailRecord?> GetAsync(string workshopId, string notificationId)
    {
        var table = await tables.GetAsync(StorageNames.SentMail);
        var (pk, rk) = Keys(workshopId, notificationId);
        var row = await table.FindAsync<SentMailRow>(pk, rk);
        return row is null
            ? null
            : new SentMailRecord(notificationId, workshopId, row.Status, row.Attempts ?? 0, row.SentAt, row.Receipt, row.LastError);
    }

    /// <summary>PK = workshop id (or the first characters of the notification id without one); both cleaned of the
    /// characters table keys forbid.</summary>
    private static (string PartitionKey, string RowKey) Keys(string? workshopId, string notificationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var rk = Clean(notificationId);
        var pk = string.IsNullOrWhiteSpace(workshopId) ? rk[..Math.Min(2, rk.Length)] : Clean(workshopId);
        return (pk, rk);
    }

    private static string Clean(string key)
    {
        var cleaned = string.Concat(key.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));
        return cleaned.Length > 255 ? cleaned[..255] : cleaned;
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}

/// <summary>One notification's mail. A claim writes the whole row; marking it sent or failed merges only the columns
/// that change, so a takeover in between keeps its own.</summary>
internal sealed class SentMailRow : TableRow
{
    public string Status { get; set; } = string.Empty;
    public DateTimeOffset? ClaimedAt { get; set; }
    public int? Attempts { get; set; }
    public string? WorkshopId { get; set; }
    public string? Kind { get; set; }
    public string? To { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Receipt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
}
