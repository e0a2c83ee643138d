using System.Text.Json.Serialization;
using Approvals.Notifications;
using Approvals.Proposals;

namespace Approvals.Workflow;

/// <summary>Someone the workflow is waiting for, and until when.</summary>
public sealed record PendingRequest(Role Role, string Party, DateTimeOffset DueAt);

/// <summary>One line of the business audit log.</summary>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    Stage Stage,
    string Action,
    string Actor,
    string? Comment = null,
    string? TokenId = null,
    string? Channel = null,
    string? ClientIp = null,
    string? UserAgent = null);

/// <summary>What the orchestration tells storage after each step: the new snapshot and one audit line.</summary>
public sealed record ProgressUpdate(
    string WorkshopId,
    Stage Stage,
    int Round,
    AuditEntry Entry,
    IReadOnlyList<PendingRequest> Pending,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Proposal? Proposal = null)
{
    /// <summary>The step's number in the run: storage never lets an older (redelivered) step overwrite a newer one.</summary>
    public long Sequence { get; init; }

    /// <summary>The stage before this step, so the index can drop the workshop from it even on a retried step.</summary>
    public Stage? Previous { get; init; }

    /// <summary>While changes are requested: the stage a resubmission returns to.</summary>
    public Stage? ResumesAt { get; init; }
}

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
    public const string IgnoredLateEvent = "IgnoredLateEvent";
    public const string System = "system";
}
