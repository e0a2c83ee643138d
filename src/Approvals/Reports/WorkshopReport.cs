using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Participants;

namespace Approvals.Reports;

/// <summary>The donor's report of one workshop: every person on its list (withdrawn ones too, with who replaced them),
/// and the summary by ministry and sex of those still invited: invited, confirmed (answered "I will attend"), attended.</summary>
public static class WorkshopReport
{
    public const string ParticipantsSheet = "Participants";
    public const string SummarySheet = "Summary";
    public const string Total = "Total";
    public const string Yes = "yes";
    public const string No = "no";

    public static readonly string[] ParticipantsHeader =
        ["Name", "Chinese name", "Position", "Ministry", "Ministry (EN)", "Ministry (ZH)", "Sex", "Email", "Invited", "Confirmed", "Attended", "Replaces", "Replaced by"];

    public static readonly string[] SummaryHeader = ["Ministry", "Ministry (EN)", "Ministry (ZH)", "Sex", "Invited", "Confirmed", "Attended"];

    public static ReportTable Participants(IReadOnlyList<Participant> roster, ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(directory);
        var byId = roster.ToDictionary(p => p.Id, StringComparer.Ordinal);
        string? Who(string? id) => id is null ? null : byId.TryGetValue(id, out var p) ? $"{p.Person.Name} <{p.Person.Email}>" : id;
        return new(ParticipantsSheet, ParticipantsHeader, roster.Select(p => new object?[]
        {
            p.Person.Name, p.Person.NameZh, p.Person.Position, p.Ministry, directory.Find(p.Ministry)?.NameEn, directory.Find(p.Ministry)?.NameZh,
            p.Person.Sex.ToString(), p.Person.Email, YesNo(p.IsInvited), YesNo(IsConfirmed(p)), p.Attended is { } came ? YesNo(came) : null,
            Who(p.Replaces), Who(p.ReplacedBy),
        }).ToList());
    }

    public static ReportTable Summary(IReadOnlyList<Participant> roster, ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(directory);
        var invited = roster.Where(p => p.IsInvited).ToList();
        var rows = invited.Select(p => p.Ministry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .SelectMany(m => Enum.GetValues<Sex>().Select(sex => Row(m, directory.Find(m), sex.ToString(), invited.Where(p => p.Ministry == m && p.Person.Sex == sex))))
            .Append(Row(Total, null, Total, invited))
            .ToList();
        return new(SummarySheet, SummaryHeader, rows);
    }

    public static bool IsConfirmed(Participant p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.IsInvited && p.Answer == ParticipantAnswer.Attending;
    }

    private static object?[] Row(string ministry, Ministry? names, string sex, IEnumerable<Participant> people)
    {
        var list = people.ToList();
        return [ministry, names?.NameEn, names?.NameZh, sex, list.Count, list.Count(IsConfirmed), list.Count(p => p.Attended == true)];
    }

    private static string YesNo(bool value) => value ? Yes : No;
}
