using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Storage;

namespace Approvals.Reports;

/// <summary>A workshop in a programme report, with its list.</summary>
public sealed record ReportedWorkshop(WorkshopRecord Workshop, IReadOnlyList<Participant> Roster);

/// <summary>Officials reached (invited, and not withdrawn) and trained (recorded as attended) over the workshops of a
/// period, by sex and institution, as EU Partnership Instrument reporting asks. An official is counted once per
/// institution however many of the workshops they were on: the figure is people, not seats.</summary>
public static class ProgrammeReport
{
    public const string OfficialsSheet = "Officials";
    public const string WorkshopsSheet = "Workshops";

    public static readonly string[] OfficialsHeader =
        ["Institution", "Institution (EN)", "Institution (ZH)", "Sex", "Officials reached", "Officials trained"];

    public static readonly string[] WorkshopsHeader = ["Workshop", "Title", "Start date", "End date", "Stage", "Invited", "Attended"];

    public static ReportTable Officials(IReadOnlyList<ReportedWorkshop> workshops, ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(workshops);
        ArgumentNullException.ThrowIfNull(directory);
        var officials = workshops.SelectMany(w => w.Roster.Where(p => p.IsInvited))
            .GroupBy(p => (p.Ministry, Email: p.Person.Email.Trim().ToUpperInvariant()))
            .Select(g => (g.Key.Ministry, g.Last().Person.Sex, Trained: g.Any(p => p.Attended == true)))
            .ToList();
        var rows = officials.Select(o => o.Ministry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .SelectMany(m => Enum.GetValues<Sex>().Select(sex =>
                Row(m, directory.Find(m), sex.ToString(), officials.Where(o => o.Ministry == m && o.Sex == sex).Select(o => o.Trained))))
            .Append(Row(WorkshopReport.Total, null, WorkshopReport.Total, officials.Select(o => o.Trained)))
            .ToList();
        return new(OfficialsSheet, OfficialsHeader, rows);
    }

    public static ReportTable Workshops(IReadOnlyList<ReportedWorkshop> workshops)
    {
        ArgumentNullException.ThrowIfNull(workshops);
        return new(WorkshopsSheet, WorkshopsHeader, workshops.Select(w =>
        {
            var counts = AttendanceCounts.Of(w.Roster);
            return new object?[]
            {
                w.Workshop.Id, w.Workshop.Title, DashboardDay(w.Workshop.Proposal.StartDate), DashboardDay(w.Workshop.Proposal.EndDate),
                w.Workshop.Stage.ToString(), counts.Invited, counts.Total,
            };
        }).ToList());
    }

    private static object?[] Row(string institution, Ministry? names, string sex, IEnumerable<bool> trained)
    {
        var list = trained.ToList();
        return [institution, names?.NameEn, names?.NameZh, sex, list.Count, list.Count(t => t)];
    }

    private static string DashboardDay(DateOnly day) => Status.DashboardLinks.Day(day)!;
}
