using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Publication;

/// <summary>What the workflow publishes: the final proposal and the accepted slates.</summary>
public sealed record PublicationRequest(string WorkshopId, Proposal Proposal, IReadOnlyList<Slate> Slates)
{
    /// <summary>The trace of the decision that led to publication.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>Activity: writes the bilingual announcement and enqueues a confirmation for every nominee.</summary>
public sealed class PublishAnnouncement(AnnouncementStore announcements, DirectoryStore directory, ParticipantStore participants, NotificationOutbox outbox, TimeProvider time)
    : TaskActivity<PublicationRequest, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, PublicationRequest input) => ExecuteAsync(input);

    public Task<bool> ExecuteAsync(PublicationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ApprovalsTelemetry.RunStepAsync(nameof(PublishAnnouncement), request.TraceParent, request.WorkshopId, () => PublishAsync(request));
    }

    private async Task<bool> PublishAsync(PublicationRequest request)
    {
        var names = await directory.LoadAsync();
        var existing = await announcements.GetAsync(request.WorkshopId);
        var p = request.Proposal;
        var ministries = request.Slates
            .Where(s => !s.Declined && s.Nominees.Count > 0)
            .Select(s => names.Find(s.Ministry) is { } m
                ? new ParticipatingMinistry(m.Code, m.NameEn, m.NameZh, s.Nominees.Count)
                : new ParticipatingMinistry(s.Ministry, s.Ministry, s.Ministry, s.Nominees.Count))
            .ToList();
        var announcement = new Announcement(request.WorkshopId, p.Title, p.TitleZh, p.Summary, p.SummaryZh, p.StartDate, p.EndDate,
            p.Venue, p.Organizer, p.Partners, p.FundingInstrument, ministries, ministries.Sum(m => m.Participants),
            existing?.PublishedAt ?? time.GetUtcNow());
        await announcements.SaveAsync(announcement);
        await participants.SeedAsync(request.WorkshopId, request.Slates, announcement.PublishedAt);

        // Ids derive from the workshop and the nominee, so a retried activity enqueues the same messages and the
        // mail handler sends each once.
        var confirmations = request.Slates
            .SelectMany(s => s.Nominees.Select(n => (s.Ministry, Nominee: n)))
            .Select(x => new Notification(
                IdempotencyStore.Hash($"{request.WorkshopId}/confirmation/{x.Nominee.Email.ToUpperInvariant()}")[..32],
                NotificationKind.ParticipantConfirmation, request.WorkshopId, x.Nominee.Email, Role.Participant, Stage.Published, 0,
                announcement.PublishedAt, Ministry: x.Ministry, Nominee: x.Nominee))
            .ToList();
        await outbox.EnqueueAsync(confirmations);
        return true;
    }
}
