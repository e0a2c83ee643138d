using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Publication;

/// <summary>What each nominee is sent once the workshop is published (the calendar invitation is attached by the
/// renderer).</summary>
internal static class PublicationMails
{
    public static MailContent ParticipantConfirmation(MailFacts f)
    {
        var n = f.Notification;
        var nominee = n.Nominee;
        var (ministryEn, ministryZh) = MinistryName(f.Directory, n.Ministry);
        var nameEn = nominee?.Name ?? n.To;
        var nameZh = string.IsNullOrWhiteSpace(nominee?.NameZh) ? nameEn : nominee.NameZh;
        var mail = About(f, "Participation confirmed", "参会确认");
        mail.Body.Paragraph($"Dear {nameEn},", $"{nameZh}：您好！")
            .Paragraph(
                $"You are confirmed as a participant in this workshop, nominated by {ministryEn}. The attached invitation (invite.ics) adds it to your calendar.",
                $"您已确认作为{ministryZh}提名的学员参加本次研讨会。附件中的日历邀请（invite.ics）可将其添加到您的日历。")
            .Facts(new Fact("Participant", "学员", nominee is null ? nameEn : $"{nameEn}, {nominee.Position}", nominee is null ? nameZh : $"{nameZh}，{nominee.Position}"));
        mail.Body.Action(f.Link, "Answer: will you attend?", "答复：是否参加")
            .Note("Please tell us with the link above whether you will attend. If you cannot, your ministry can send someone in your place.",
                "请通过上方链接告知是否参加。如您无法参加，贵单位可另派人员替代。");
        WorkshopFacts(mail.Body, f);
        Summary(mail.Body, f.Proposal);
        mail.Body.Action(f.EventUrl, "View the announcement", "查看公告");
        return mail;
    }
}
