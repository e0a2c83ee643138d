using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Participants;

/// <summary>What a published workshop's list sends: each focal point the link to their ministry's participants, the
/// notice that one of them cannot attend, the withdrawn person the cancellation of their invitation (the calendar part
/// is attached by the renderer), and the reminder to a participant who has not answered.</summary>
internal static class ParticipantMails
{
    /// <summary>To each focal point of a ministry sending participants, at publication.</summary>
    public static MailContent Listed(MailFacts f)
    {
        var (ministryEn, ministryZh) = MinistryName(f.Directory, f.Notification.Ministry);
        var mail = About(f, "Published, your participants", "已发布，贵单位学员");
        mail.Body.Paragraph(
                $"This workshop is published and every participant from {ministryEn} has been sent a confirmation with a calendar invitation. "
                + "If someone can no longer come, withdraw them or send someone in their place with the link below.",
                $"本研讨会已发布，{ministryZh}的每位学员均已收到附有日历邀请的参会确认。如有学员无法参加，可通过以下链接将其撤回或另派人员替代。");
        Changes(mail.Body, f);
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    /// <summary>To the focal points of the ministry of a participant who answered that they cannot attend.</summary>
    public static MailContent Declined(MailFacts f)
    {
        var n = f.Notification;
        var person = n.Nominee;
        var mail = About(f, "A participant cannot attend", "学员无法参加");
        mail.Body.Paragraph(
                $"{person?.Name ?? "A participant"} has answered that they cannot attend this workshop.",
                $"{(string.IsNullOrWhiteSpace(person?.NameZh) ? person?.Name ?? "一名学员" : person.NameZh)}已答复无法参加本研讨会。")
            .Facts(new Fact("Participant", "学员", person is null ? null : $"{person.Name}, {person.Position} <{person.Email}>"))
            .Quote("Reason", "原因", n.Comment);
        Changes(mail.Body, f);
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    /// <summary>To a participant their ministry withdrew or replaced.</summary>
    public static MailContent Withdrawn(MailFacts f)
    {
        var (ministryEn, ministryZh) = MinistryName(f.Directory, f.Notification.Ministry);
        var mail = About(f, "Participation withdrawn", "参会资格已撤回");
        Greeting(mail.Body, f);
        mail.Body.Paragraph(
                $"{ministryEn} has withdrawn your participation in this workshop. The attached cancellation (invite.ics) removes it from your calendar. Nothing more is needed from you.",
                $"{ministryZh}已撤回您参加本研讨会的资格。附件中的取消通知（invite.ics）将从您的日历中删除该活动。您无需再做任何操作。");
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    /// <summary>To a participant still on the list who has not said whether they will attend.</summary>
    public static MailContent AnswerReminder(MailFacts f)
    {
        var mail = ReminderAbout(f, "will you attend?", "您是否参加？");
        Greeting(mail.Body, f);
        mail.Body.Paragraph(
                "The workshop begins soon and you have not yet said whether you will attend. Please answer with the link below; if you cannot come, your ministry can send someone in your place.",
                "研讨会即将开始，您尚未答复是否参加。请通过以下链接答复；如您无法参加，贵单位可另派人员替代。")
            .Action(f.Link, "Answer: will you attend?", "答复：是否参加");
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    /// <summary>The link to the ministry's list while substitutions are open, or that they are closed.</summary>
    private static void Changes(BilingualMail body, MailFacts f)
    {
        var n = f.Notification;
        if (n.DueAt is not { } until)
        {
            body.Note("Substitutions are closed for this workshop; contact the organiser for any change.", "本研讨会的人员替换已截止；如需更改请联系主办方。");
            return;
        }

        body.Facts(Due("Changes possible until", "可更改至", until))
            .Action(f.Link, "Withdraw or replace participants", "撤回或替换学员");
    }

    private static void Greeting(BilingualMail body, MailFacts f)
    {
        var n = f.Notification;
        var nameEn = n.Nominee?.Name ?? n.To;
        var nameZh = string.IsNullOrWhiteSpace(n.Nominee?.NameZh) ? nameEn : n.Nominee.NameZh;
        body.Paragraph($"Dear {nameEn},", $"{nameZh}：您好！");
    }
}
