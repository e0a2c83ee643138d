using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Participants;

/// <summary>Activity: reminds every participant still on the list who has not answered, once per start date (the ids
/// derive from it, so a retry sends each reminder once). Returns how many it queued.</summary>
public sealed class RemindParticipants(ParticipantStore roster, WorkshopStore workshops, AuditLog audit, NotificationOutbox outbox)
    : TaskActivity<AnswerReminder, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, AnswerReminder input) => ExecuteAsync(input);

    public async Task<int> ExecuteAsync(AnswerReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var id = reminder.WorkshopId;
        var workshop = await workshops.GetAsync(id) ?? throw new InvalidOperationException($"Workshop {id} has no stored row.");
        var silent = (await roster.ListAsync(id)).Where(p => p.IsInvited && p.Answer == ParticipantAnswer.None).ToList();
        var mails = silent.Select(p => new Notification(
                IdempotencyStore.Hash($"{id}/answer-reminder/{reminder.StartDate:yyyy-MM-dd}/{p.Id}")[..32],
                NotificationKind.Reminder, id, p.Person.Email, Role.Participant, Stage.Published, workshop.Round, reminder.At,
                Ministry: p.Ministry, Nominee: p.Person))
            .ToList();
        await outbox.EnqueueAsync(mails);
        await audit.AppendAsync(id, new AuditEntry(IdempotencyStore.Hash($"{id}/answer-reminder/{reminder.StartDate:yyyy-MM-dd}")[..32], reminder.At,
            Stage.Published, AuditActions.AnswerReminderSent, AuditActions.System, $"{mails.Count} participant(s) without an answer", Channel: "workflow"));
        return mails.Count;
    }
}
