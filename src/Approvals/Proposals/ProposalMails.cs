using Approvals.Notifications;
using Approvals.Workflow;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Proposals;

/// <summary>What the proposer is sent when a stage sends the proposal back: the request for changes and the reminder
/// while it has not been resubmitted, both saying how to resubmit.</summary>
internal static class ProposalMails
{
    public static MailContent ChangesRequested(MailFacts f)
    {
        var n = f.Notification;
        var (byEn, byZh) = n.Outcome == Stage.DonorSignOff ? ("The EU donor", "欧盟捐助方") : ("The internal review", "内部审核");
        var (backEn, backZh) = StageName(n.Outcome ?? Stage.InternalReview);
        var mail = About(f, "Changes requested", "需要修改");
        mail.Body.Paragraph($"{byEn} asked for changes to your proposal.", $"{byZh}要求修改您的提案。")
            .Quote("Comment", "意见", n.Comment)
            .Facts(Due("Please resubmit by", "请于此前重新提交", n.DueAt));
        Resubmit(mail.Body, f, backEn, backZh);
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    public static MailContent ResubmissionReminder(MailFacts f)
    {
        var (backEn, backZh) = StageName(Stage.InternalReview);
        var mail = ReminderAbout(f, "changes are awaited", "等待您修改提案");
        mail.Body.Paragraph("Changes were requested to your proposal and it has not been resubmitted yet.", "您的提案需要修改，目前尚未重新提交。")
            .Facts(Due("Please resubmit by", "请于此前重新提交", f.Notification.DueAt));
        Resubmit(mail.Body, f, backEn, backZh);
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    private static void Resubmit(BilingualMail mail, MailFacts f, string backEn, string backZh) => mail
        .Paragraph(
            $"Resubmit the corrected proposal - the whole proposal JSON, as first submitted - with PUT /api/workshops/{f.Notification.WorkshopId}/proposal "
            + $"and your API key. It then goes back to {backEn}.",
            $"请使用 PUT /api/workshops/{f.Notification.WorkshopId}/proposal 并附上您的 API 密钥，重新提交修改后的完整提案（JSON，格式与首次提交相同）。提交后将重新进入{backZh}。")
        .Code(ResubmitCommand(f.ResubmitUrl));
}
