using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Participants;

/// <summary>Activity: writes a participant's answer to the roster and audits it; a "cannot attend" is mailed to their
/// ministry's focal points with the substitution link while substitutions are open.</summary>
public sealed class RecordAnswer(ParticipantStore roster, WorkshopStore workshops, DirectoryStore directory, AuditLog audit, NotificationOutbox outbox)
    : TaskActivity<AnswerChange, RosterOutcome>
{
    public override Task<RosterOutcome> RunAsync(TaskActivityContext context, AnswerChange input) => ExecuteAsync(input);

    public async Task<RosterOutcome> ExecuteAsync(AnswerChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (id, answer) = (change.WorkshopId, change.Answer);
        var participant = await roster.GetAsync(id, answer.ParticipantId);
        if (participant is null || !participant.IsInvited) return new RosterOutcome(false, "You are no longer on this workshop's list: your ministry withdrew or replaced you.");
        var workshop = await workshops.GetAsync(id) ?? throw new InvalidOperationException($"Workshop {id} has no stored row.");
        await roster.SaveAsync(id, [participant with { Answer = answer.Answer, AnsweredAt = answer.At, AnswerReason = answer.Reason }]);

        var declined = answer.Answer == ParticipantAnswer.Declined;
        var via = answer.Via;
        await audit.AppendAsync(id, new AuditEntry(IdempotencyStore.Hash($"{id}/answer/{answer.Receipt}")[..32], answer.At, Stage.Published,
            declined ? AuditActions.CannotAttend : AuditActions.WillAttend, participant.Person.Email,
            $"{participant.Ministry}: {participant.Person.Name}{(string.IsNullOrWhiteSpace(answer.Reason) ? string.Empty : $" ({answer.Reason})")}",
            Channel: "link", ClientIp: via.ClientIp, UserAgent: via.UserAgent, ForwardedFor: via.ForwardedFor));
        if (!declined) return new RosterOutcome(true);

        var names = await directory.LoadAsync();
        var mails = (names.Find(participant.Ministry)?.FocalPoints ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(fp => new Notification(IdempotencyStore.Hash($"{id}/declined/{answer.Receipt}/{fp.ToUpperInvariant()}")[..32],
                NotificationKind.ParticipantDeclined, id, fp, Role.FocalPoint, Stage.Published, workshop.Round, answer.At,
                DueAt: change.SubstitutionsUntil, Ministry: participant.Ministry, Comment: answer.Reason, Nominee: participant.Person))
            .ToList();
        await outbox.EnqueueAsync(mails);
        return new RosterOutcome(true);
    }
}
