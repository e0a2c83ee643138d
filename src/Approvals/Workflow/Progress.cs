using System.Text.Json.Serialization;
using Approvals.Handovers;
using Approvals.Notifications;
using Approvals.Proposals;

namespace Approvals.Workflow;

/// <summary>Someone the workflow is waiting for, and until when.</summary>
public sealed record PendingRequest(Role Role, string Party, DateTimeOffset DueAt);

/// <summary>One line of the business audit log. <see cref="ClientIp"/> is the address the connection came from (through
/// configured proxies only); <see cref="ForwardedFor"/> is what the client claimed in <c>X-Forwarded-For</c> beyond that.</summary>
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
    string? UserAgent = null,
    string? ForwardedFor = null);

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

    /// <summary>The stage before this step: a step that moves the workshop on is timed from the click that moved it.</summary>
    public Stage? Previous { get; init; }

    /// <summary>While changes are requested: the stage a resubmission returns to.</summary>
    public Stage? ResumesAt { get; init; }

    /// <summary>The handovers of the open requests: who passed a request on, to whom.</summary>
    public IReadOnlyList<Handover>? Handovers { get; init; }

    /// <summary>The click this step answers, when it answers one.</summary>
    public StepOrigin? Origin { get; init; }
}
