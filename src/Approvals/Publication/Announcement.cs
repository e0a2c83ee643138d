namespace Approvals.Publication;

/// <summary>The public, bilingual announcement of a published workshop.</summary>
public sealed record Announcement(
    string Id,
    string Title,
    string? TitleZh,
    string? Summary,
    string? SummaryZh,
    DateOnly StartDate,
    DateOnly EndDate,
    string Venue,
    string? Organizer,
    IReadOnlyList<string> Partners,
    string? FundingInstrument,
    IReadOnlyList<ParticipatingMinistry> Ministries,
    int Participants,
    DateTimeOffset PublishedAt,
    Postponement? Postponed = null,
    DateTimeOffset? CancelledAt = null);

/// <summary>The workshop was moved after publication: how often, and the dates and venue it had before the last move.</summary>
public sealed record Postponement(int Times, DateOnly PreviousStartDate, DateOnly PreviousEndDate, string PreviousVenue, DateTimeOffset At);

/// <summary>A ministry sending participants, with its names in both languages.</summary>
public sealed record ParticipatingMinistry(string Code, string NameEn, string NameZh, int Participants);
