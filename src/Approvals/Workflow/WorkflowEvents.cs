using System.Text.Json.Serialization;
using Approvals.Nominations;
using Approvals.Proposals;

namespace Approvals.Workflow;

/// <summary>Names of the external events the workshop orchestration waits for. The links, the HTTP API and the
/// tests raise exactly these.</summary>
public static class WorkflowEvents
{
    public const string DecisionRecorded = nameof(DecisionRecorded);
    public const string SlateSubmitted = nameof(SlateSubmitted);
    public const string ProposalResubmitted = nameof(ProposalResubmitted);
    public const string CancelRequested = nameof(CancelRequested);
    public const string RetryRequested = nameof(RetryRequested);
}

[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    Approve,
    Reject,
    Changes,
}

/// <summary>An approver's decision for one stage and round.</summary>
public sealed record DecisionRecorded(Stage Stage, int Round, string Approver, Decision Decision, string? Comment, string? TokenId, DateTimeOffset At);

/// <summary>A ministry's slate (or decline) as submitted through its link.</summary>
public sealed record SlateSubmitted(Slate Slate, string? TokenId);

/// <summary>Staff resubmitting the proposal after changes were requested in <paramref name="Round"/> (a repeated PUT
/// carries the same round and is ignored once that round has moved on).</summary>
public sealed record ProposalResubmitted(Proposal Proposal, string Actor, DateTimeOffset At, int Round);

/// <summary>Staff cancelling a workshop.</summary>
public sealed record CancelRequested(string Reason, string Actor, DateTimeOffset At);

/// <summary>Staff asking to run the stuck step <paramref name="StuckId"/> again; a request for a step that is no longer
/// the stuck one (a double click, a stale page) is ignored.</summary>
public sealed record RetryRequested(string StuckId, string Actor, DateTimeOffset At);
