using System.Text.Json.Serialization;
using Approvals.Handovers;
using Approvals.Events;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Workflow;

namespace Approvals.Notifications;

[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    ReviewRequest,
    ChangesRequested,
    NominationRequest,
    DonorRequest,
    Reminder,
    Escalation,
    DecisionOutcome,
    CancellationNotice,
    ParticipantConfirmation,
    SlateRefused,
    StepStuck,
    Receipt,
    RequestPassedOn,
    ParticipantUpdate,
    ParticipantCancellation,
    PostponementNotice,
    ParticipantsListed,
    ParticipantDeclined,
    ParticipantWithdrawn,
}

[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    ProjectManager,
    Proposer,
    FocalPoint,
    Donor,
    Manager,
    Participant,
}

/// <summary>One message to one person, put on the <c>notifications</c> queue by the workflow and rendered and sent
/// by the mail handler. <see cref="Id"/> is deterministic per orchestration step, so a retried enqueue is sent once.</summary>
public sealed record Notification(
    string Id,
    NotificationKind Kind,
    string WorkshopId,
    string To,
    Role Role,
    Stage Stage,
    int Round,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt = null,
    string? Ministry = null,
    string? Comment = null,
    Stage? Outcome = null,
    Nominee? Nominee = null,
    LinkReceipt? Receipt = null,
    StuckStep? Stuck = null,
    Handover? Handover = null,
    CalendarChange? Calendar = null)
{
    /// <summary>The W3C <c>traceparent</c> of the step that queued it, so its mail joins that step's trace (absent on
    /// notifications queued before traces were carried).</summary>
    public string? TraceParent { get; init; }
}
