using static Approvals.Notifications.MailWording;

namespace Approvals.Notifications;

/// <summary>Pieces several mails are built from: the start of a mail about the workshop, its facts, the whole proposal
/// and the opening of a reminder to whoever must still decide.</summary>
internal static class MailParts
{
    public const string SubjectPrefix = "[Approvals]";

    public static string Subject(MailFacts f, string en, string zh) =>
        OneLine($"{SubjectPrefix} {en}: {TitleEn(f.Proposal)} / {zh}: {TitleZh(f.Proposal)}");

    /// <summary>A mail about the workshop whose subject and heading both say what it is about, then its title.</summary>
    public static MailContent About(MailFacts f, string en, string zh) => About(f, en, zh, en, zh);

    /// <summary>A reminder: every reminder's subject says only that, its heading says what is still awaited.</summary>
    public static MailContent ReminderAbout(MailFacts f, string awaitedEn, string awaitedZh) =>
        About(f, "Reminder", "提醒", $"Reminder: {awaitedEn}", $"提醒：{awaitedZh}");

    private static MailContent About(MailFacts f, string subjectEn, string subjectZh, string headingEn, string headingZh) =>
        new(Subject(f, subjectEn, subjectZh),
            new BilingualMail().Heading($"{headingEn}: {TitleEn(f.Proposal)}", $"{headingZh}：{TitleZh(f.Proposal)}"));

    /// <summary>A header must not carry line breaks or other control characters, whatever a title holds.</summary>
    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    public static void WorkshopFacts(BilingualMail mail, MailFacts f) => mail.Facts(Workshop(f.Notification.WorkshopId, f.Proposal));

    /// <summary>The whole proposal, for those who decide on it.</summary>
    public static void WholeProposal(BilingualMail mail, MailFacts f)
    {
        var p = f.Proposal;
        mail.Heading("The proposal", "提案内容")
            .Facts([.. Workshop(f.Notification.WorkshopId, p),
                new Fact("Budget", "预算", Money(p.BudgetEur)),
                new Fact("Funding", "资金来源", p.FundingInstrument),
                new Fact("Submitted by", "提交人", p.SubmittedBy)]);
        Summary(mail, p);
        mail.Table(new TableRow(["Invited ministry", "Quota"], ["受邀单位", "名额"]), p.Invitations.Select(i =>
        {
            var (en, zh) = MinistryName(f.Directory, i.Ministry);
            return new TableRow([en, Count(i.Quota)], [zh, Count(i.Quota)]);
        }));
    }

    /// <summary>What an approver is asked for: a decision by the due time, through the link.</summary>
    public static void DecisionAsked(BilingualMail mail, MailFacts f) => mail
        .Facts(Due("Please decide by", "请于此前决定", f.Notification.DueAt))
        .Action(f.Link, "Review and decide", "审核并决定");

    /// <summary>The opening of a reminder to an approver, whichever stage awaits their decision.</summary>
    public static MailContent DecisionAwaited(MailFacts f)
    {
        var n = f.Notification;
        var (stageEn, stageZh) = StageName(n.Stage);
        var mail = ReminderAbout(f, "your decision is awaited", "等待您的决定");
        mail.Body.Paragraph($"Your decision for the {stageEn} of this workshop has not been received yet. Opening the link alone decides nothing.",
            $"尚未收到您对本研讨会{stageZh}的决定。仅打开链接不会做出任何决定。");
        DecisionAsked(mail.Body, f);
        return mail;
    }
}
