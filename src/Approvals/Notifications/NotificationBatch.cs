using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Approvals.Proposals;
using Approvals.Workflow;

namespace Approvals.Notifications;

/// <summary>The workshop as the step that queued the mails stored it: what its mails show of it, so sending them reads
/// no workshop (absent from messages queued before, by other senders, and when too large to carry).</summary>
public sealed record MailSnapshot(Proposal Proposal, IReadOnlyList<PendingRequest> Pending);

/// <summary>Several notifications of one step in one queue message, so a step's mails cost one put, one read and one
/// delete instead of one each. Each keeps its own id: sending stays once per notification, wherever it travels.</summary>
public sealed record NotificationBatch(IReadOnlyList<Notification> Notifications)
{
    /// <summary>The most stored JSON one message carries: Base64 makes it 4/3 longer, and a queue message holds 64 KiB.</summary>
    public const int MaxMessageBytes = 40 * 1024;

    /// <summary>A snapshot larger than this (a proposal with very long texts) is not carried: its mails read the
    /// workshop, and the room is left to the notifications.</summary>
    public const int MaxSnapshotBytes = 16 * 1024;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MailSnapshot? Snapshot { get; init; }

    /// <summary>At most this many per message: one entity-group transaction of <c>SentMail</c> takes 100 rows.</summary>
    public const int MaxNotifications = 100;

    /// <summary>Queue messages for <paramref name="notifications"/>: one per workshop and size limit. A message that
    /// would hold one notification is that notification alone, as messages always were, unless it carries
    /// <paramref name="snapshot"/> (the workshop of all of them, when it fits).</summary>
    public static IReadOnlyList<string> Messages(IEnumerable<Notification> notifications, MailSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var snapshotBytes = snapshot is null ? 0 : Encoding.UTF8.GetByteCount(Json.Store(snapshot));
        var carried = snapshotBytes <= MaxSnapshotBytes ? snapshot : null;
        var room = MaxMessageBytes - (carried is null ? 0 : snapshotBytes);
        var messages = new List<string>();
        foreach (var workshop in notifications.DistinctBy(n => n.Id).GroupBy(n => n.WorkshopId, StringComparer.Ordinal))
        {
            var chunk = new List<Notification>();
            var bytes = 0;
            foreach (var n in workshop)
            {
                var size = Encoding.UTF8.GetByteCount(Json.Store(n)) + 1;
                if (chunk.Count > 0 && (bytes + size > room || chunk.Count == MaxNotifications))
                {
                    messages.Add(Message(chunk, carried));
                    (chunk, bytes) = ([], 0);
                }

                chunk.Add(n);
                bytes += size;
            }

            if (chunk.Count > 0) messages.Add(Message(chunk, carried));
        }

        return messages;
    }

    private static string Message(List<Notification> chunk, MailSnapshot? snapshot) =>
        chunk.Count == 1 && snapshot is null ? Json.Store(chunk[0]) : Json.Store(new NotificationBatch(chunk) { Snapshot = snapshot });

    /// <summary>Reads a queue message: a batch, or one notification (a message queued one at a time, or split off a
    /// batch). What is neither throws <see cref="InvalidDataException"/>, so it ends in the poison queue.</summary>
    public static IReadOnlyList<Notification> Parse(string messageText, out bool isBatch) => Read(messageText, out isBatch).Notifications;

    /// <summary>As <see cref="Parse"/>, with the snapshot the message carries.</summary>
    public static NotificationBatch Read(string messageText, out bool isBatch)
    {
        isBatch = false;
        if (string.IsNullOrWhiteSpace(messageText)) throw new InvalidDataException("The queue message is empty.");
        NotificationBatch? batch = null;
        try
        {
            using var document = JsonDocument.Parse(messageText);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(nameof(Notifications)), out var list)
                && list.ValueKind == JsonValueKind.Array)
            {
                batch = document.RootElement.Deserialize<NotificationBatch>(Json.Options);
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The queue message is not a notification: {e.Message}", e);
        }

        if (batch is null) return new NotificationBatch([NotificationHandler.Parse(messageText)]);
        if (batch.Notifications is not { Count: > 0 } items || items.Any(n => n is null || !IsComplete(n)))
        {
            throw new InvalidDataException("The queue message is a batch with a notification that lacks an id, recipient or workshop id.");
        }

        isBatch = true;
        return batch with { Notifications = items.DistinctBy(n => n.Id).ToList() };
    }

    internal static bool IsComplete(Notification n) =>
        !string.IsNullOrWhiteSpace(n.Id) && !string.IsNullOrWhiteSpace(n.To) && !string.IsNullOrWhiteSpace(n.WorkshopId);
}
