using Approvals.Events;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Participants;

/// <summary>Activity: withdraws, replaces or adds a participant of one ministry if the rules allow it, audits it, and
/// mails the calendars: the withdrawn person a cancellation of their event (their UID), the new one the invitation,
/// both at the workshop's current SEQUENCE. Only the workshop's run calls it, one request at a time, so the quota
/// check cannot race another change.</summary>
public sealed class ApplySubstitution(ParticipantStore roster, WorkshopStore workshops, AuditLog audit, NotificationOutbox outbox)
    : TaskActivity<SubstitutionChange, RosterOutcome>
{
    public override Task<RosterOutcome> RunAsync(TaskActivityContext context, SubstitutionChange input) => ExecuteAsync(input);

    public async Task<RosterOutcome> ExecuteAsync(SubstitutionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (id, r) = (change.WorkshopId, change.Request);
        var workshop = await workshops.GetAsync(id) ?? throw new InvalidOperationException($"Workshop {id} has no stored row.");
        var list = await roster.ListAsync(id);

        // A retry after the rows were written finds them carrying this request's moment: it sends the same mails (same
        // ids) and changes nothing twice.
        var target = r.Withdraw is null ? null : list.FirstOrDefault(p => p.Id == r.Withdraw);
        var substituteId = r.Substitute is null ? null : Participant.IdOf(id, r.Substitute.Email);
        var done = r.Withdraw is not null
            ? target is { Status: ParticipantStatus.Withdrawn } && target.WithdrawnAt == r.At
            : list.Any(p => p.Id == substituteId && p.IsInvited && p.InvitedAt == r.At);
        if (!done)
        {
            var errors = RosterRules.CheckSubstitution(workshop.Proposal, list, r.Ministry, r.Withdraw, r.Substitute);
            if (errors.Count > 0) return new RosterOutcome(false, string.Join(" ", errors.SelectMany(e => e.Value)));
            var changed = new List<Participant>();
            if (target is not null) changed.Add(target = target with { Status = ParticipantStatus.Withdrawn, WithdrawnAt = r.At, ReplacedBy = substituteId });
            if (r.Substitute is not null) changed.Add(Participant.Invite(id, target?.Ministry ?? r.Ministry, r.Substitute, r.At, target?.Id));
            await roster.SaveAsync(id, changed);
        }

        var (action, what) = (target, r.Substitute) switch
        {
            ({ } t, { } s) => (AuditActions.ParticipantReplaced, $"{r.Ministry}: {Who(t.Person)} replaced by {Who(s)}"),
            ({ } t, null) => (AuditActions.ParticipantWithdrawn, $"{r.Ministry}: {Who(t.Person)} withdrawn"),
            (null, { } s) => (AuditActions.ParticipantAdded, $"{r.Ministry}: {Who(s)} added"),
            _ => throw new InvalidOperationException("A substitution names someone to withdraw or to add."),
        };
        await audit.AppendAsync(id, new AuditEntry(IdempotencyStore.Hash($"{id}/substitution/{r.Receipt}")[..32], r.At, Stage.Published, action,
            r.Via.Recipient, what, Channel: "link", ClientIp: r.Via.ClientIp, UserAgent: r.Via.UserAgent, ForwardedFor: r.Via.ForwardedFor));

        var calendar = new CalendarChange(change.Sequence, change.Now, change.Now);
        Notification Mail(NotificationKind kind, Nominee person, string ministry) => new(
            IdempotencyStore.Hash($"{id}/substitution/{r.Receipt}/{kind}/{person.Email.Trim().ToUpperInvariant()}")[..32],
            kind, id, person.Email, Role.Participant, Stage.Published, workshop.Round, r.At, Ministry: ministry, Nominee: person, Calendar: calendar);
        var mails = new List<Notification>();
        if (target is not null) mails.Add(Mail(NotificationKind.ParticipantWithdrawn, target.Person, target.Ministry));
        if (r.Substitute is not null) mails.Add(Mail(NotificationKind.ParticipantConfirmation, r.Substitute, target?.Ministry ?? r.Ministry));
        await outbox.EnqueueAsync(mails);
        return new RosterOutcome(true);
    }

    private static string Who(Nominee n) => $"{n.Name} <{n.Email}>";
}
