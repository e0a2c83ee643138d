using System.Globalization;
using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Proposals;
using Approvals.Publication;
using Approvals.Workflow;

namespace Approvals.Notifications;

/// <summary>Words and facts several mails share, in both languages.</summary>
internal static class MailWording
{
    public static string TitleEn(Proposal p) => p.Title;

    public static string TitleZh(Proposal p) => string.IsNullOrWhiteSpace(p.TitleZh) ? p.Title : p.TitleZh;

    public static (string En, string Zh) StageName(Stage stage) => (stage.Name().EnInSentence, stage.Name().Zh);

    /// <summary>What an activity does, as the sentence "the workflow could not …" goes on.</summary>
    public static (string En, string Zh) StepName(string? activity) => activity switch
    {
        nameof(LoadDirectory) => ("load the project directory", "读取项目通讯录"),
        nameof(RecordProgress) => ("record its progress", "记录流程进展"),
        nameof(RecordStep) => ("record its progress and send its mails", "记录流程进展并发送邮件"),
        nameof(SendNotifications) => ("send its mails", "发送邮件"),
        nameof(SaveSlate) => ("save a ministry's nominations", "保存部委提名"),
        nameof(PublishAnnouncement) => ("publish the announcement", "发布公告"),
        nameof(Events.AnnounceChange) => ("announce the change of the published workshop", "公布已发布研讨会的变更"),
        _ => ($"run {activity}", $"运行{activity}"),
    };

    public static (string En, string Zh) RoleName(Role role) => role switch
    {
        Role.ProjectManager => ("project manager", "项目经理"),
        Role.Proposer => ("proposer", "提案人"),
        Role.FocalPoint => ("ministry focal point", "部委联络人"),
        Role.Donor => ("EU donor", "欧盟捐助方"),
        Role.Manager => ("manager", "管理人员"),
        Role.Participant => ("participant", "学员"),
        _ => (role.ToString(), role.ToString()),
    };

    public static (string En, string Zh) SexName(Sex sex) => sex switch
    {
        Sex.Female => ("female", "女"),
        Sex.Male => ("male", "男"),
        _ => ("undisclosed", "未披露"),
    };

    public static (string En, string Zh) MinistryName(ProjectDirectory directory, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return (string.Empty, string.Empty);
        return directory.Find(code) is { } m ? ($"{m.NameEn} ({m.Code})", m.NameZh) : (code, code);
    }

    public static string Money(decimal eur) => "EUR " + eur.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static Fact Due(string labelEn, string labelZh, DateTimeOffset? due) =>
        new(labelEn, labelZh, due is { } d ? ChinaTime.En(d) : null, due is { } z ? ChinaTime.Zh(z) : null);

    /// <summary>What the workshop is: the facts every mail shows.</summary>
    public static Fact[] Workshop(string id, Proposal p) =>
    [
        new("Workshop", "研讨会", TitleEn(p), TitleZh(p)),
        new("Dates", "日期", ChinaTime.RangeEn(p.StartDate, p.EndDate), ChinaTime.RangeZh(p.StartDate, p.EndDate)),
        new("Venue", "地点", p.Venue),
        new("Organiser", "主办方", p.Organizer),
        new("Partners", "合作方", p.Partners.Count == 0 ? null : string.Join(", ", p.Partners)),
        new("Participants", "学员名额", Count(p.Capacity)),
        new("Reference", "编号", id),
    ];

    /// <summary>The proposal's summary, in the language of each part (English where no Chinese was given).</summary>
    public static void Summary(BilingualMail mail, Proposal p)
    {
        if (string.IsNullOrWhiteSpace(p.Summary) && string.IsNullOrWhiteSpace(p.SummaryZh)) return;
        mail.Paragraph(p.Summary ?? p.SummaryZh!, string.IsNullOrWhiteSpace(p.SummaryZh) ? p.Summary! : p.SummaryZh);
    }

    public static string ResubmitCommand(Uri url) =>
        $"curl -X PUT -H \"x-functions-key: <your API key>\" -H \"Content-Type: application/json\" --data @proposal.json {url.AbsoluteUri}";
}
