using Approvals.Notifications;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The claims and records of a batch's mails: the rows of one workshop share a partition, so up to 100 of them
/// are written in one entity-group transaction instead of one request each.</summary>
public sealed partial class SentMailStore
{
    private const int TransactionLimit = 100;

    /// <summary>Claims each notification as <see cref="ClaimAsync"/> does, in the order given. New rows are inserted
    /// together; when any of them exists already (a notification queued twice, or tried before), the whole group is
    /// claimed one by one, which sorts out each row's state.</summary>
    public async Task<IReadOnlyList<SendClaim>> ClaimManyAsync(IReadOnlyList<Notification> notifications, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var claims = new SendClaim[notifications.Count];
        var table = await tables.GetAsync(StorageNames.SentMail);
        foreach (var group in Groups(notifications.Select((n, i) => (Index: i, Keys: Keys(n.WorkshopId, n.Id))).ToList(), x => x.Keys.PartitionKey))
        {
            var now = time.GetUtcNow();
            var rows = group.Select(x => new SentMailRow
            {
                PartitionKey = x.Keys.PartitionKey,
                RowKey = x.Keys.RowKey,
                Status = Sending,
                ClaimedAt = now,
                Attempts = 1,
                WorkshopId = notifications[x.Index].WorkshopId,
                Kind = notifications[x.Index].Kind.ToString(),
                To = notifications[x.Index].To,
            }).ToList();
            var created = group.Count > 1 ? await TryTransactAsync(table, rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))) : null;
            for (var i = 0; i < group.Count; i++)
            {
                var (index, (pk, rk)) = group[i];
                claims[index] = created is not null
                    ? new SendClaim(SendClaimState.Claimed, notifications[index].Id, pk, rk, created[i].Headers.ETag ?? ETag.All, 1)
                    : await ClaimAsync(notifications[index], lease);
            }
        }

        return claims;
    }

    /// <summary>Records each mail as sent, as <see cref="MarkSentAsync"/> does; false for a claim another delivery had
    /// taken over meanwhile. A group in which any claim was taken over is recorded one by one.</summary>
    public async Task<IReadOnlyList<bool>> MarkManySentAsync(IReadOnlyList<(SendClaim Claim, string Receipt)> sends)
    {
        ArgumentNullException.ThrowIfNull(sends);
        var marked = new bool[sends.Count];
        var table = await tables.GetAsync(StorageNames.SentMail);
        foreach (var group in Groups(sends.Select((s, i) => (Index: i, s.Claim, s.Receipt)).ToList(), x => x.Claim.PartitionKey))
        {
            var at = time.GetUtcNow();
            var done = group.Count > 1 && await TryTransactAsync(table, group.Select(x => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, SentEntity(x.Claim, x.Receipt, at), x.Claim.ETag))) is not null;
            foreach (var (index, claim, receipt) in group)
            {
                marked[index] = done || await MarkSentAsync(claim, receipt);
            }
        }

        return marked;
    }

    private TableEntity SentEntity(SendClaim claim, string receipt, DateTimeOffset at) => new(claim.PartitionKey, claim.RowKey)
    {
        [nameof(SentMailRow.Status)] = Sent,
        [nameof(SentMailRow.SentAt)] = at,
        [nameof(SentMailRow.Receipt)] = Truncate(receipt),
    };

    /// <summary>The transaction's responses, or null when one of its rows refused it (and so none was written).</summary>
    private static async Task<IReadOnlyList<Response>?> TryTransactAsync(TableClient table, IEnumerable<TableTransactionAction> actions)
    {
        try
        {
            return (await table.SubmitTransactionAsync(actions)).Value;
        }
        catch (TableTransactionFailedException e) when (e.IsConflict() || e.IsPreconditionFailed() || e.Status == 404)
        {
            return null;
        }
    }

    private static IEnumerable<List<T>> Groups<T>(List<T> items, Func<T, string> partition) =>
        items.GroupBy(partition, StringComparer.Ordinal).SelectMany(g => g.Chunk(TransactionLimit)).Select(c => c.ToList());
}
