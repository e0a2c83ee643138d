using Approvals.Nominations;

namespace Approvals.Participants;

/// <summary>Who came, as <c>GET /api/workshops/{id}</c> shows it once attendance is recorded: of the people still
/// invited, how many attended, by ministry (every ministry with someone invited, zero included) and by sex.</summary>
public sealed record AttendanceCounts(int Invited, int Total, IReadOnlyDictionary<string, int> ByMinistry, IReadOnlyDictionary<string, int> BySex)
{
    public static AttendanceCounts Of(IEnumerable<Participant> roster)
    {
        var invited = roster.Where(p => p.IsInvited).ToList();
        var came = invited.Where(p => p.Attended == true).ToList();
        return new(
            invited.Count,
            came.Count,
            invited.Select(p => p.Ministry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .ToDictionary(m => m, m => came.Count(p => p.Ministry == m), StringComparer.Ordinal),
            Enum.GetValues<Sex>().ToDictionary(SexKey, s => came.Count(p => p.Person.Sex == s), StringComparer.Ordinal));
    }

    /// <summary>The name of a sex in counts, as the nomination counts spell it.</summary>
    public static string SexKey(Sex sex) => sex.ToString().ToLowerInvariant();

    /// <summary>The audit line's comment: the figures a reader of the history wants first.</summary>
    public string Summary() =>
        $"{Total} of {Invited} attended ({string.Join(", ", BySex.Where(s => s.Value > 0).Select(s => $"{s.Value} {s.Key}"))})";
}
