namespace Approvals.Proposals;

/// <summary>A workshop proposal as staff submit it (fields of samples/proposal.json).</summary>
public sealed record Proposal(
    string Title,
    string? TitleZh,
    string? Summary,
    string? SummaryZh,
    DateOnly StartDate,
    DateOnly EndDate,
    string Venue,
    string? Organizer,
    IReadOnlyList<string> Partners,
    string SubmittedBy,
    int Capacity,
    decimal BudgetEur,
    string? FundingInstrument,
    IReadOnlyList<Invitation> Invitations)
{
    public int QuotaOf(string ministry) =>
        Invitations.FirstOrDefault(i => string.Equals(i.Ministry, ministry, StringComparison.OrdinalIgnoreCase))?.Quota ?? 0;
}

/// <summary>A ministry invited to nominate up to <see cref="Quota"/> participants.</summary>
public sealed record Invitation(string Ministry, int Quota);
