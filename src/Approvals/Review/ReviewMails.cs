using Approvals.Handovers;
using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Review;

/// <summary>What the project managers are sent for the internal review: the request and its reminder.</summary>
internal static class ReviewMails
{
    public static MailContent Request(MailFacts f)
    {
        var n = f.Notification;
        var mail = About(f, "Review requested", "请审核");
        HandoverMails.PassedToYou(mail.Body, f);
        mail.Body.Paragraph(
            "A workshop proposal is waiting for your internal review" + (n.Round > 0 ? $" (revision {n.Round})" : string.Empty)
            + ". Open the link to see it, then approve, reject or request changes. Opening the link alone decides nothing.",
            "有一份研讨会提案等待您的内部审核" + (n.Round > 0 ? $"（第{n.Round}次修订）" : string.Empty)
            + "。请打开链接查看，然后选择批准、拒绝或要求修改。仅打开链接不会做出任何决定。");
        DecisionAsked(mail.Body, f);
        WholeProposal(mail.Body, f);
        mail.Body.Note("Without an answer by then, the request is escalated to the programme managers.", "逾期未答复的，将上报项目管理人员。");
        return mail;
    }

    public static MailContent Reminder(MailFacts f)
    {
        var mail = DecisionAwaited(f);
        WorkshopFacts(mail.Body, f);
        return mail;
    }
}
