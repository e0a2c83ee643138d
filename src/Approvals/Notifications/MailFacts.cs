using System.Collections.Concurrent;
using Approvals.Contacts;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>Everything a mail shows besides the notification itself: the stored workshop, the directory's names, the
/// slates (for donor summaries) and the absolute links. Rendering from these is pure.</summary>
public sealed record MailFacts(
    Notification Notification,
    Proposal Proposal,
    IReadOnlyList<PendingRequest> Pending,
    ProjectDirectory Directory,
    IReadOnlyList<Slate> Slates,
    Uri? Link,
    Uri ResubmitUrl,
    Uri StatusUrl,
    Uri EventUrl,
    MailboxAddress From);

/// <summary>Reads the <see cref="MailFacts"/> of a notification from storage.</summary>
public sealed class MailFactsLoader(
    WorkshopStore workshops, DirectoryStore directory, NominationStore nominations, LinkIssuer links, IOptions<ApprovalsOptions> options)
{
    public Task<MailFacts> LoadAsync(Notification notification) => LoadAsync(notification, null);

    /// <summary>A loader for the mails of one batch: each workshop (and its slates) is read once for all of them, and
    /// not at all when the batch carries its <paramref name="snapshot"/> (a batch is always of one workshop).</summary>
    public Func<Notification, Task<MailFacts>> ForBatch(MailSnapshot? snapshot = null)
    {
        var workshopReads = new ConcurrentDictionary<string, Lazy<Task<MailSnapshot?>>>(StringComparer.Ordinal);
        var slateReads = new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<Slate>>>>(StringComparer.Ordinal);
        var cache = new Reads(
            id => snapshot is not null ? Task.FromResult<MailSnapshot?>(snapshot) : workshopReads.GetOrAdd(id, key => new(() => ReadAsync(key))).Value,
            id => slateReads.GetOrAdd(id, key => new(() => nominations.ListAsync(key))).Value);
        return n => LoadAsync(n, cache);
    }

    private async Task<MailSnapshot?> ReadAsync(string workshopId) =>
        await workshops.GetAsync(workshopId) is { } w ? new MailSnapshot(w.Proposal, w.Pending) : null;

    private async Task<MailFacts> LoadAsync(Notification notification, Reads? cache)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var workshop = await (cache?.Workshop(notification.WorkshopId) ?? ReadAsync(notification.WorkshopId))
            ?? throw new InvalidOperationException($"Notification {notification.Id} is for workshop {notification.WorkshopId}, which is not stored.");
        var names = await directory.LoadAsync();
        var slates = NeedsSlates(notification) ? await (cache?.Slates(notification.WorkshopId) ?? nominations.ListAsync(notification.WorkshopId)) : [];
        var id = Uri.EscapeDataString(notification.WorkshopId);
        return new MailFacts(
            notification,
            workshop.Proposal,
            workshop.Pending,
            names,
            slates,
            links.LinkFor(notification),
            links.Build($"api/workshops/{id}/proposal"),
            links.Build($"api/workshops/{id}"),
            links.Build($"api/events/{id}"),
            MailSettings.From(options.Value.Mail));
    }

    private sealed record Reads(Func<string, Task<MailSnapshot?>> Workshop, Func<string, Task<IReadOnlyList<Slate>>> Slates);

    private static bool NeedsSlates(Notification n) =>
        n.Kind == NotificationKind.DonorRequest || (n.Kind is NotificationKind.Reminder or NotificationKind.Escalation && n.Stage == Stage.DonorSignOff);
}
