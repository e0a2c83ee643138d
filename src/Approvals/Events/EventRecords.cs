using System.Text.Json.Serialization;
using Approvals.Proposals;

namespace Approvals.Events;

/// <summary>When and where the workshop takes place: what a postponement changes.</summary>
public sealed record Schedule(DateOnly StartDate, DateOnly EndDate, string Venue)
{
    public static Schedule Of(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return new(proposal.StartDate, proposal.EndDate, proposal.Venue);
    }

    public Proposal ApplyTo(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal with { StartDate = StartDate, EndDate = EndDate, Venue = Venue };
    }

    /// <summary>The moment the workshop is over: the end of its last day in China.</summary>
    public DateTimeOffset Over => new DateTimeOffset(EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
}

/// <summary>What a participant's calendar is told: the event's SEQUENCE (0 is the first invitation, each change one
/// more) and the schedule it now has, with the one before it.</summary>
public sealed record CalendarChange(int Sequence, Schedule Now, Schedule Before);

/// <summary>The input of <see cref="WorkshopEvent"/>: the published workshop as stored when its life after publication
/// began (or, after a ContinueAsNew, as it is now, with what the run carries over).</summary>
/// <param name="Version">Absent in runs started before the roster was kept by this run (<see cref="Original"/>): they
/// replay their original loop.</param>
public sealed record EventStarted(string WorkshopId, Proposal Proposal, int Round, TimeSpan ActivityRetryInterval,
    int Version = EventStarted.Original, TimeSpan? ChangeCutoff = null, TimeSpan? AnswerReminderBefore = null, EventCarry? Carried = null)
{
    /// <summary>Postpone and cancel only.</summary>
    public const int Original = 1;

    /// <summary>Also takes participants' answers and ministries' substitutions, and reminds the silent ones.</summary>
    public const int KeepsRoster = 2;

    public const int Current = KeepsRoster;
}

/// <summary>What a run hands to its next generation when it continues as new, so its history stays bounded.</summary>
public sealed record EventCarry(int Changes, long Recorded, IReadOnlyList<Workflow.EventAnswer> Answers, DateTimeOffset? ReminderAt);

/// <summary>How the life after publication ended.</summary>
public sealed record EventOutcome(EventEnd End, int Changes);

[JsonConverter(typeof(JsonStringEnumConverter<EventEnd>))]
public enum EventEnd
{
    /// <summary>The last day passed.</summary>
    Over,
    Cancelled,

    /// <summary>The run continued as new (its next generation goes on).</summary>
    Continued,
}

[JsonConverter(typeof(JsonStringEnumConverter<EventChangeKind>))]
public enum EventChangeKind
{
    Postponed,
    Cancelled,
}

/// <summary>The input of <see cref="AnnounceChange"/>: one change of a published workshop, number
/// <paramref name="Sequence"/> in its calendar.</summary>
public sealed record EventChange(
    string WorkshopId, EventChangeKind Kind, int Sequence, Schedule Now, Schedule Before, string Reason, DateTimeOffset At);

/// <summary>Staff moving a published workshop to new dates (and perhaps a new venue); <paramref name="Receipt"/> names
/// this request, so the API can wait for the workflow's answer to it.</summary>
public sealed record PostponeRequested(Schedule Schedule, string Reason, string Actor, DateTimeOffset At, string? Receipt = null);
