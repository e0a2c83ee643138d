using Approvals.Handovers;
using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Nominations;

/// <summary>What a ministry's focal points are sent: the invitation to nominate, the reminder while the ministry is
/// silent, and the notice that a list it sent was refused.</summary>
internal static class NominationMails
{
    public static MailContent Request(MailFacts f)
    {
        var (ministryEn, ministryZh, quota) = Invited(f);
        var mail = About(f, "Nominations requested", "请提名学员");
        HandoverMails.PassedToYou(mail.Body, f);
        mail.Body.Paragraph(
                $"{ministryEn} is invited to nominate up to {quota} participants for this workshop. Use the link to enter the nominees "
                + "(name, position, sex, email) or to decline. You can replace the list until nominations close.",
                $"诚邀{ministryZh}为本次研讨会提名最多{quota}名学员。请通过链接填写学员信息（姓名、职务、性别、电子邮箱），或婉拒邀请。提名截止前可随时更新名单。")
            .Facts([new Fact("Ministry", "单位", ministryEn, ministryZh), .. Limits(f, quota)])
            .Action(f.Link, "Nominate participants", "提名学员");
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    public static MailContent Reminder(MailFacts f)
    {
        var (ministryEn, ministryZh, quota) = Invited(f);
        var mail = ReminderAbout(f, "nominations close soon", "提名即将截止");
        mail.Body.Paragraph($"{ministryEn} has not yet sent or declined its nominations (up to {quota} participants).",
                $"{ministryZh}尚未提交或婉拒提名（最多{quota}名学员）。")
            .Facts(Limits(f, quota))
            .Action(f.Link, "Nominate participants", "提名学员");
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    public static MailContent SlateRefused(MailFacts f)
    {
        var (ministryEn, ministryZh, quota) = Invited(f);
        var mail = About(f, "Nominations not accepted", "提名未被接受");
        mail.Body.Paragraph(
                $"The list of nominees that {ministryEn} sent could not be accepted, so it was not recorded. Please correct it and send it again with the same link before nominations close.",
                $"{ministryZh}提交的学员名单未能被接受，因此未予记录。请在提名截止前更正后通过同一链接重新提交。")
            .Quote("Reason", "原因", f.Notification.Comment)
            .Facts(Limits(f, quota))
            .Action(f.Link, "Correct the nominations", "更正提名");
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    /// <summary>The ministry the mail is addressed to, by name, and how many participants it may nominate.</summary>
    private static (string En, string Zh, string Quota) Invited(MailFacts f)
    {
        var ministry = f.Notification.Ministry;
        var (en, zh) = MinistryName(f.Directory, ministry);
        return (en, zh, Count(f.Proposal.QuotaOf(ministry ?? string.Empty)));
    }

    /// <summary>What binds the ministry's list, in every mail about it: its quota and when nominations close.</summary>
    private static Fact[] Limits(MailFacts f, string quota) =>
        [new("Quota", "名额", quota), Due("Nominations close", "提名截止", f.Notification.DueAt)];
}
