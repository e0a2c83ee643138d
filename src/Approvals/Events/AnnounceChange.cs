using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Publication;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>Activity: shows a change of a published workshop on its announcement and mails it — each participant a
/// calendar update for their event (same UID, the change's SEQUENCE), every invited ministry's focal points, the donor
/// and the proposer a notice. Returns how many mails it queued.</summary>
public sealed class AnnounceChange(AnnouncementStore announcements, NominationStore nominations, DirectoryStore directory, WorkshopStore workshops, NotificationOutbox outbox)
    : TaskActivity<EventChange, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, EventChange input) => ExecuteAsync(input);

    public Task<int> ExecuteAsync(EventChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ApprovalsTelemetry.RunStepAsync(nameof(AnnounceChange), traceParent: null, change.WorkshopId, () => AnnounceAsync(change));
    }

    private async Task<int> AnnounceAsync(EventChange change)
    {
        var workshop = await workshops.GetAsync(change.WorkshopId)
            ?? throw new InvalidOperationException($"Workshop {change.WorkshopId} has no stored row.");
        if (await announcements.GetAsync(change.WorkshopId) is { } announcement)
        {
            await announcements.SaveAsync(Changed(announcement, change));
        }

        var names = await directory.LoadAsync();
        var calendar = new CalendarChange(change.Sequence, change.Now, change.Before);
        var stage = change.Kind == EventChangeKind.Cancelled ? Stage.Cancelled : Stage.Published;
        var participantKind = change.Kind == EventChangeKind.Cancelled ? NotificationKind.ParticipantCancellation : NotificationKind.ParticipantUpdate;
        var noticeKind = change.Kind == EventChangeKind.Cancelled ? NotificationKind.CancellationNotice : NotificationKind.PostponementNotice;

        // Ids derive from the workshop, the change and the person, so a retried activity queues the same messages and
        // the mail handler sends each once.
        Notification Mail(NotificationKind kind, string to, Role role, string? ministry = null, Nominee? nominee = null) => new(
            IdempotencyStore.Hash($"{change.WorkshopId}/change/{change.Sequence}/{kind}/{to.Trim().ToUpperInvariant()}")[..32],
            kind, change.WorkshopId, to, role, stage, workshop.Round, change.At,
            Ministry: ministry, Comment: change.Reason, Outcome: change.Kind == EventChangeKind.Cancelled ? Stage.Cancelled : null,
            Nominee: nominee, Calendar: calendar);

        var participants = (await nominations.ListAsync(change.WorkshopId))
            .Where(s => !s.Declined)
            .SelectMany(s => s.Nominees.Select(n => Mail(participantKind, n.Email, Role.Participant, s.Ministry, n)));
        var focalPoints = workshop.Proposal.Invitations
            .SelectMany(i => (names.Find(i.Ministry)?.FocalPoints ?? []).Select(fp => Mail(noticeKind, fp, Role.FocalPoint, i.Ministry)));
        var others = names.DonorApprovers.Select(d => Mail(noticeKind, d, Role.Donor))
            .Append(Mail(noticeKind, workshop.Proposal.SubmittedBy, Role.Proposer));
        var mails = participants.Concat(focalPoints).Concat(others).DistinctBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToList();
        await outbox.EnqueueAsync(mails);
        return mails.Count;
    }

    private static Announcement Changed(Announcement a, EventChange change) => change.Kind switch
    {
        EventChangeKind.Postponed => a with
        {
            StartDate = change.Now.StartDate,
            EndDate = change.Now.EndDate,
            Venue = change.Now.Venue,
            // The change's number, not a count kept here: a retried activity writes the same.
            Postponed = new Postponement(change.Sequence, change.Before.StartDate, change.Before.EndDate, change.Before.Venue, change.At),
        },
        _ => a with { CancelledAt = change.At },
    };
}
