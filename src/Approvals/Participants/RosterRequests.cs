using Approvals.Events;
using Approvals.Nominations;
using Approvals.Workflow;

namespace Approvals.Participants;

/// <summary>A participant's answer through their link; <paramref name="Receipt"/> names this one answer, so the page can
/// wait for the run's word on it.</summary>
public sealed record ParticipantAnswered(string ParticipantId, ParticipantAnswer Answer, string? Reason, DateTimeOffset At, string Receipt, LinkVisit Via);

/// <summary>A focal point's change to their ministry's list: <paramref name="Withdraw"/> takes a participant off,
/// <paramref name="Substitute"/> puts a new person on (in the withdrawn one's place when both are given).</summary>
public sealed record SubstitutionRequested(string Ministry, string? Withdraw, Nominee? Substitute, DateTimeOffset At, string Receipt, LinkVisit Via);

/// <summary>The input of <see cref="RecordAnswer"/>; <paramref name="SubstitutionsUntil"/> is the cutoff, null once it has passed.</summary>
public sealed record AnswerChange(string WorkshopId, ParticipantAnswered Answer, DateTimeOffset? SubstitutionsUntil);

/// <summary>The input of <see cref="ApplySubstitution"/>: the request and the calendar the workshop has now.</summary>
public sealed record SubstitutionChange(string WorkshopId, SubstitutionRequested Request, int Sequence, Schedule Now);

/// <summary>The input of <see cref="RemindParticipants"/>.</summary>
public sealed record AnswerReminder(string WorkshopId, DateOnly StartDate, DateTimeOffset At);

/// <summary>Whether the roster took a request, and why not.</summary>
public sealed record RosterOutcome(bool Applied, string? Why = null);
