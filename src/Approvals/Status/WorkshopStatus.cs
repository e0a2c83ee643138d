using System.Text.Json.Serialization;
using Approvals.Workflow;

namespace Approvals.Status;

/// <summary>Where a workshop stands, as <c>GET /api/workshops/{id}</c> returns it.</summary>
public sealed record WorkshopStatus(
    string Id,
    string Title,
    Stage Stage,
    int Round,
    string RuntimeStatus,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PendingView> Pending,
    NominationCounts Nominations,
    IReadOnlyList<HistoryLine> History,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StuckView? Stuck = null)
{
    /// <summary>After publication: who of the list answered what, per ministry; absent before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParticipantCounts? Participants { get; init; }

    /// <summary>Who came, once staff recorded it (the workshop is then Held); absent before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Approvals.Participants.AttendanceCounts? Attendance { get; init; }
}

/// <summary>The step the workshop is stuck on: which, why in short and since when. <c>POST /api/workshops/{id}/retry</c>
/// runs it again.</summary>
public sealed record StuckView(string Step, string Reason, DateTimeOffset Since);

public sealed record PendingView(string Role, string Party, DateTimeOffset DueAt, bool Overdue);

public sealed record NominationCounts(int Total, IReadOnlyDictionary<string, int> ByMinistry, IReadOnlyDictionary<string, int> BySex);

public sealed record HistoryLine(DateTimeOffset At, Stage Stage, string Action, string Actor, string? Comment);

/// <summary>The participants still on a published workshop's list, per ministry code.</summary>
public sealed record ParticipantCounts(IReadOnlyDictionary<string, AnswerCounts> ByMinistry);

public sealed record AnswerCounts(int Invited, int Confirmed, int Declined, int NoAnswer);
