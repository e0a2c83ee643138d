using System.Text.Json.Serialization;
using Approvals.Contacts;
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
    public const string HandoverRequested = nameof(HandoverRequested);
    public const string PostponeRequested = nameof(PostponeRequested);
    public const string ParticipantAnswered = nameof(ParticipantAnswered);
    public const string SubstitutionRequested = nameof(SubstitutionRequested);
}

[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    Approve,
    Reject,
    Changes,
}

/// <summary>An approver's decision for one stage and round.</summary>
/// <param name="Via">The click's client, for the receipt the workflow sends when it takes the decision (absent on events
/// raised before receipts moved into the workflow: their page had sent it).</param>
public sealed record DecisionRecorded(Stage Stage, int Round, string Approver, Decision Decision, string? Comment, string? TokenId, DateTimeOffset At,
    LinkVisit? Via = null)
{
    /// <summary>One decision is stored per stage and round, so every raise of it (the click, the recovery job) carries
    /// the same receipt and the workflow answers it once.</summary>
    [JsonIgnore]
    public string Receipt => ReceiptOf(Stage, Round);

    public static string ReceiptOf(Stage stage, int round) => $"{nameof(DecisionRecorded)}-{stage}-{round}";

    /// <summary>Where the workflow answers a decision from someone who no longer holds the request: the stage and
    /// round's own receipt stays open for the holder's decision.</summary>
    public static string RefusalReceiptOf(Stage stage, int round, string approver) => $"{ReceiptOf(stage, round)}/{approver.ToLowerInvariant()}";

    /// <summary>The directory as it was when the decision was raised: the next stage's requests go by it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProjectDirectory? Directory { get; init; }
}

/// <summary>A ministry's slate (or decline) as submitted through its link; <paramref name="Receipt"/> names this one
/// submission, so the page can wait for the workflow's answer to it.</summary>
/// <param name="Via">The sender's client, for the receipt the workflow sends when it keeps the slate.</param>
public sealed record SlateSubmitted(Slate Slate, string? TokenId, string? Receipt = null, LinkVisit? Via = null)
{
    /// <summary>The directory as it was when the slate was sent: if it closes the nominations, the donor's request
    /// goes by it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProjectDirectory? Directory { get; init; }
}

/// <summary>Staff resubmitting the proposal after changes were requested in <paramref name="Round"/> (a repeated PUT
/// carries the same round and is ignored once that round has moved on).</summary>
public sealed record ProposalResubmitted(Proposal Proposal, string Actor, DateTimeOffset At, int Round);

/// <summary>Staff cancelling a workshop; <paramref name="Receipt"/> names this request, so the API can wait for the
/// workflow's answer to it.</summary>
public sealed record CancelRequested(string Reason, string Actor, DateTimeOffset At, string? Receipt = null);

/// <summary>Staff asking to run the stuck step <paramref name="StuckId"/> again; a request for a step that is no longer
/// the stuck one (a double click, a stale page) is ignored.</summary>
public sealed record RetryRequested(string StuckId, string Actor, DateTimeOffset At);
