using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Events;

/// <summary>What a change of a published workshop sends: each participant an updated or cancelled invitation (the
/// calendar part is attached by the renderer), everyone else concerned a notice of the new dates.</summary>
internal static class EventMails
{
    public static MailContent ParticipantUpdate(MailFacts f)
    {
        var mail = About(f, "Postponed, new dates", "已延期，新日期");
        Greeting(mail.Body, f);
        mail.Body.Paragraph(
                "This workshop has been postponed. Your participation stands for the new dates below. The attached invitation (invite.ics) moves the event already in your calendar.",
                "本研讨会已延期。您的参会资格在以下新日期继续有效。附件中的日历邀请（invite.ics）将更新您日历中已有的活动。");
        Moved(mail.Body, f);
        WorkshopFacts(mail.Body, f);
        mail.Body.Action(f.EventUrl, "View the announcement", "查看公告");
        return mail;
    }

    public static MailContent ParticipantCancellation(MailFacts f)
    {
        var mail = About(f, "Cancelled", "已取消");
        Greeting(mail.Body, f);
        mail.Body.Paragraph(
                "This workshop has been cancelled and will not take place. The attached cancellation (invite.ics) removes it from your calendar. Nothing more is needed from you.",
                "本研讨会已取消，将不再举行。附件中的取消通知（invite.ics）将从您的日历中删除该活动。您无需再做任何操作。")
            .Quote("Reason", "原因", f.Notification.Comment);
        WorkshopFacts(mail.Body, f);
        mail.Body.Action(f.EventUrl, "View the announcement", "查看公告");
        return mail;
    }

    /// <summary>To the focal points, the donor and the proposer.</summary>
    public static MailContent PostponementNotice(MailFacts f)
    {
        var mail = About(f, "Postponed", "已延期");
        mail.Body.Paragraph(
                "This published workshop has been postponed. Every participant has been sent an updated calendar invitation; the announcement shows the new dates.",
                "本已发布的研讨会已延期。每位学员均已收到更新后的日历邀请；公告已显示新日期。");
        Moved(mail.Body, f);
        WorkshopFacts(mail.Body, f);
        mail.Body.Action(f.EventUrl, "View the announcement", "查看公告");
        return mail;
    }

    private static void Greeting(BilingualMail body, MailFacts f)
    {
        var n = f.Notification;
        var nameEn = n.Nominee?.Name ?? n.To;
        var nameZh = string.IsNullOrWhiteSpace(n.Nominee?.NameZh) ? nameEn : n.Nominee.NameZh;
        body.Paragraph($"Dear {nameEn},", $"{nameZh}：您好！");
    }

    /// <summary>The new dates and venue beside the ones they replace, and why.</summary>
    private static void Moved(BilingualMail body, MailFacts f)
    {
        var n = f.Notification;
        if (n.Calendar is not { } change) return;
        body.Facts(
                new Fact("New dates", "新日期", ChinaTime.RangeEn(change.Now.StartDate, change.Now.EndDate), ChinaTime.RangeZh(change.Now.StartDate, change.Now.EndDate)),
                new Fact("Previously", "原定日期", ChinaTime.RangeEn(change.Before.StartDate, change.Before.EndDate), ChinaTime.RangeZh(change.Before.StartDate, change.Before.EndDate)),
                new Fact("Venue", "地点", change.Now.Venue),
                new Fact("Previous venue", "原定地点", change.Now.Venue == change.Before.Venue ? null : change.Before.Venue))
            .Quote("Reason", "原因", n.Comment);
    }
}
