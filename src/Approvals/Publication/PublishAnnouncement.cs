using Approvals.Events;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Participants;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Approvals.Publication;

/// <summary>What the workflow publishes: the final proposal and the accepted slates.</summary>
public sealed record PublicationRequest(string WorkshopId, Proposal Proposal, IReadOnlyList<Slate> Slates)
{
    /// <summary>The trace of the decision that led to publication.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>Activity: writes the bilingual announcement and the roster, starts the workshop's life after publication
/// (<see cref="WorkshopEvent"/>, which takes answers and substitutions and reminds), and enqueues a confirmation for every
/// nominee and the substitution link for every focal point of a ministry sending participants. Starting the run here, in
/// an activity, leaves the approval orchestration's history as it was: no new version of it is needed.</summary>
public sealed class PublishAnnouncement(
    AnnouncementStore announcements, DirectoryStore directory, ParticipantStore participants, WorkshopStore workshops, NotificationOutbox outbox,
    IOptions<ApprovalsOptions> options, IServiceProvider services, TimeProvider time)
    : TaskActivity<PublicationRequest, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, PublicationRequest input) =>
        ExecuteAsync(input, services.GetService<DurableTaskClient>());

    /// <param name="client">Null where no Durable client is at hand: the run then starts at the first request that needs it.</param>
    public Task<bool> ExecuteAsync(PublicationRequest request, DurableTaskClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ApprovalsTelemetry.RunStepAsync(nameof(PublishAnnouncement), request.TraceParent, request.WorkshopId, () => PublishAsync(request, client));
    }

    private async Task<bool> PublishAsync(PublicationRequest request, DurableTaskClient? client)
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
        var timing = options.Value.Timing;
        var stored = await workshops.GetAsync(request.WorkshopId);
        var round = stored?.Round ?? 0;
        if (client is not null) await EventRunStart.StartAsync(client, EventRunStart.InputOf(request.WorkshopId, p, round, timing));
        var cutoff = RosterRules.ChangeCutoff(Schedule.Of(p), timing.ChangeCutoff);
        var lists = request.Slates
            .Where(s => !s.Declined && s.Nominees.Count > 0)
            .SelectMany(s => (names.Find(s.Ministry)?.FocalPoints ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Select(fp => new Notification(
                IdempotencyStore.Hash($"{request.WorkshopId}/participants-listed/{s.Ministry}/{fp.ToUpperInvariant()}")[..32],
                NotificationKind.ParticipantsListed, request.WorkshopId, fp, Role.FocalPoint, Stage.Published, round,
                announcement.PublishedAt, DueAt: cutoff, Ministry: s.Ministry)));
        // The mails show the workshop as read here, so sending them reads it no more.
        await outbox.EnqueueAsync([.. confirmations, .. lists], stored is null ? null : new MailSnapshot(stored.Proposal, stored.Pending));
        return true;
    }
}
