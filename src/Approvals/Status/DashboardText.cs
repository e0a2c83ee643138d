using System.Globalization;
using Approvals.Nominations;
using Approvals.Notifications;

namespace Approvals.Status;

/// <summary>The words and numbers of the dashboard's pages that are not stage names: who is waited for, how late, when.</summary>
public static class DashboardText
{
    public static string Role(Role role) => role switch
    {
        Notifications.Role.ProjectManager => "Project manager / 项目经理",
        Notifications.Role.Proposer => "Proposer / 提交人",
        Notifications.Role.FocalPoint => "Ministry focal point / 部委联络人",
        Notifications.Role.Donor => "Donor / 捐助方",
        Notifications.Role.Manager => "Manager / 主管",
        _ => "Participant / 参会者",
    };

    public static string Sex(Sex sex) => sex switch
    {
        Nominations.Sex.Female => "Female / 女",
        Nominations.Sex.Male => "Male / 男",
        _ => "Not said / 未说明",
    };

    /// <summary>E.g. "2 d 3 h / 2 天 3 小时"; under an hour in minutes.</summary>
    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = span.Negate();
        if (span.TotalHours < 1) return Invariant($"{(int)span.TotalMinutes} min / {(int)span.TotalMinutes} 分钟");
        if (span.TotalDays < 1) return Invariant($"{(int)span.TotalHours} h / {(int)span.TotalHours} 小时");
        return Invariant($"{span.Days} d {span.Hours} h / {span.Days} 天 {span.Hours} 小时");
    }

    /// <summary>China Standard Time, as the page's header says.</summary>
    public static string Cst(DateTimeOffset at) => ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
