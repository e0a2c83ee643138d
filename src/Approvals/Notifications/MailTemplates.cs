using Approvals.DonorSignOff;
using Approvals.Handovers;
using Approvals.Events;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Proposals;
using Approvals.Publication;
using Approvals.Review;
using Approvals.Workflow;

namespace Approvals.Notifications;

/// <summary>Which template writes each notification. The wording lives with its stage (<c>Review/</c>,
/// <c>Nominations/</c>, <c>DonorSignOff/</c>, <c>Publication/</c>, <c>Proposals/</c>); mails of no one stage are in
/// <see cref="WorkshopMails"/>.</summary>
internal static class MailTemplates
{
    public static MailContent Build(MailFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var n = f.Notification;
        return n.Kind switch
        {
            NotificationKind.ReviewRequest => ReviewMails.Request(f),
            NotificationKind.ChangesRequested => ProposalMails.ChangesRequested(f),
            NotificationKind.NominationRequest => NominationMails.Request(f),
            NotificationKind.DonorRequest => DonorMails.Request(f),
            NotificationKind.Reminder when n.Role == Role.Participant => ParticipantMails.AnswerReminder(f),
            NotificationKind.Reminder when n.Role == Role.FocalPoint => NominationMails.Reminder(f),
            NotificationKind.Reminder when n.Role == Role.Proposer => ProposalMails.ResubmissionReminder(f),
            NotificationKind.Reminder when n.Stage == Stage.DonorSignOff => DonorMails.Reminder(f),
            NotificationKind.Reminder => ReviewMails.Reminder(f),
            NotificationKind.Escalation => WorkshopMails.Escalation(f),
            NotificationKind.DecisionOutcome => WorkshopMails.DecisionOutcome(f),
            NotificationKind.CancellationNotice => WorkshopMails.CancellationNotice(f),
            NotificationKind.ParticipantConfirmation => PublicationMails.ParticipantConfirmation(f),
            NotificationKind.SlateRefused => NominationMails.SlateRefused(f),
            NotificationKind.StepStuck => WorkshopMails.StepStuck(f),
            NotificationKind.Receipt => ReceiptMails.Receipt(f),
            NotificationKind.RequestPassedOn => HandoverMails.PassedOn(f),
            NotificationKind.ParticipantUpdate => EventMails.ParticipantUpdate(f),
            NotificationKind.ParticipantCancellation => EventMails.ParticipantCancellation(f),
            NotificationKind.PostponementNotice => EventMails.PostponementNotice(f),
            NotificationKind.ParticipantsListed => ParticipantMails.Listed(f),
            NotificationKind.ParticipantDeclined => ParticipantMails.Declined(f),
            NotificationKind.ParticipantWithdrawn => ParticipantMails.Withdrawn(f),
            _ => throw new InvalidOperationException($"No template for notification kind {n.Kind}."),
        };
    }
}
