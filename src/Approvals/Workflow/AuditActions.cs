namespace Approvals.Workflow;

/// <summary>Audit actions written by the workflow (the "action" column of a workshop's history).</summary>
public static class AuditActions
{
    public const string Submitted = "Submitted";
    public const string Resubmitted = "Resubmitted";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string ChangesRequested = "ChangesRequested";
    public const string RevisionLimitReached = "RevisionLimitReached";
    public const string SlateAccepted = "SlateAccepted";
    public const string Declined = "Declined";
    public const string SlateRefused = "SlateRefused";
    public const string NominationsClosed = "NominationsClosed";
    public const string ReminderSent = "ReminderSent";
    public const string Escalated = "Escalated";
    public const string Expired = "Expired";
    public const string Cancelled = "Cancelled";
    public const string Published = "Published";
    public const string Postponed = "Postponed";
    public const string AttendanceRecorded = "AttendanceRecorded";
    public const string IgnoredLateEvent = "IgnoredLateEvent";
    public const string StepStuck = "StepStuck";
    public const string StepRetried = "StepRetried";
    public const string Reassigned = "Reassigned";
    public const string PassedOn = "PassedOn";
    public const string MovedByDirectoryChange = "MovedByDirectoryChange";
    public const string HandoverRefused = "HandoverRefused";
    public const string System = "system";

    // Written when the run takes what a participant's or a focal point's link sent after publication.
    public const string WillAttend = "WillAttend";
    public const string CannotAttend = "CannotAttend";
    public const string ParticipantWithdrawn = "ParticipantWithdrawn";
    public const string ParticipantReplaced = "ParticipantReplaced";
    public const string ParticipantAdded = "ParticipantAdded";
    public const string AnswerReminderSent = "AnswerReminderSent";

    // Written by the links the moment a click arrives, before the workflow acts on it.
    public const string DecisionApprove = "DecisionApprove";
    public const string DecisionReject = "DecisionReject";
    public const string DecisionChanges = "DecisionChanges";
    public const string SlateReceivedViaLink = "SlateReceivedViaLink";
    public const string SlateDeclinedViaLink = "SlateDeclinedViaLink";
    public const string PassOnViaLink = "PassOnViaLink";

    public static string DecisionVia(Decision decision) => decision switch
    {
        Decision.Approve => DecisionApprove,
        Decision.Reject => DecisionReject,
        _ => DecisionChanges,
    };
}
