using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Links;

/// <summary>The receipt for an action taken through a link: what was recorded, when, from where, and whom to tell if
/// it was not the reader.</summary>
internal static class ReceiptMails
{
    public static MailContent Receipt(MailFacts f)
    {
        var n = f.Notification;
        var r = n.Receipt ?? throw new InvalidOperationException($"Receipt notification {n.Id} carries no receipt.");
        var (stageEn, stageZh) = StageName(n.Stage);
        var (what, whatZh) = What(f, r);
        var mail = About(f, "Receipt", "回执");
        mail.Body.Paragraph(
                $"This confirms what was recorded for the {stageEn} of this workshop through the link sent to you. Nothing more is needed if it was you.",
                $"特此确认：已通过发给您的链接记录了本研讨会{stageZh}的以下操作。如确系您本人所为，无需其他操作。")
            .Facts(
                new Fact("Recorded", "记录内容", what, whatZh),
                new Fact("At", "时间", ChinaTime.En(r.At), ChinaTime.Zh(r.At)),
                new Fact("From IP address", "IP 地址", r.ClientIp ?? "unknown", r.ClientIp ?? "未知"),
                new Fact("Browser", "浏览器", r.Browser ?? "not given", r.Browser ?? "未提供"))
            .Quote("Comment", "意见", n.Comment);
        var contacts = WhomToTell(f);
        mail.Body.Note(
                "If this was not you, tell the people below at once: anyone holding the link (a forwarded mail, a mail scanner) can use it.",
                "如非您本人所为，请立即告知以下人员：任何持有该链接者（例如被转发的邮件或邮件扫描程序）都可以使用它。")
            .Facts(new Fact("Tell", "请告知", contacts.Count == 0 ? "the project team" : string.Join(", ", contacts),
                contacts.Count == 0 ? "项目团队" : string.Join("，", contacts)));
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    private static (string En, string Zh) What(MailFacts f, LinkReceipt r)
    {
        var (ministryEn, ministryZh) = MinistryName(f.Directory, f.Notification.Ministry);
        return r.Action switch
        {
            ReceiptAction.Approved => ("Approved", "批准"),
            ReceiptAction.Rejected => ("Rejected", "拒绝"),
            ReceiptAction.ChangesRequested => ("Changes requested", "要求修改"),
            ReceiptAction.SlateDeclined => ($"{ministryEn} will not nominate participants", $"{ministryZh}不提名学员"),
            _ => ($"{Count(r.Nominees)} nominee(s) sent for {ministryEn}", $"{ministryZh}提交了 {Count(r.Nominees)} 名学员"),
        };
    }

    /// <summary>The proposer and the escalation contacts, without the reader.</summary>
    private static List<string> WhomToTell(MailFacts f) =>
        new[] { f.Proposal.SubmittedBy }.Concat(f.Directory.Escalation)
            .Where(a => !string.IsNullOrWhiteSpace(a) && !string.Equals(a, f.Notification.To, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
