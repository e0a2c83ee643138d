using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Handovers;

/// <summary>Mails about a request that changed hands: the line the new holder's request mail opens with, and the
/// notice to the previous holder, the proposer and the escalation contacts.</summary>
internal static class HandoverMails
{
    /// <summary>In the new holder's request mail: who handed it to them and why.</summary>
    public static void PassedToYou(BilingualMail mail, MailFacts f)
    {
        if (f.Notification.Handover is not { } h) return;
        var (en, zh) = h.Via switch
        {
            HandoverVia.Reassigned => ($"This request was held by {h.From}; the project team reassigned it to you ({h.Actor}).",
                $"此请求原由 {h.From} 处理，项目团队（{h.Actor}）已将其改派给您。"),
            HandoverVia.DirectoryChanged => ($"This request was held by {h.From}, who is no longer listed in the project directory; it is yours now ({h.Actor} changed the directory).",
                $"此请求原由 {h.From} 处理，其已不在项目通讯录中；现由您处理（{h.Actor} 更新了通讯录）。"),
            _ => ($"{h.From} passed this request on to you. Their link no longer works; yours below does.",
                $"{h.From} 已将此请求转交给您。其链接已失效，请使用下方您的链接。"),
        };
        mail.Paragraph(en, zh).Quote("Note", "附言", h.Note);
    }

    /// <summary>To the previous holder, the proposer and the escalation contacts: the request has a new holder.</summary>
    public static MailContent PassedOn(MailFacts f)
    {
        var n = f.Notification;
        var h = n.Handover;
        var (stageEn, stageZh) = StageName(n.Stage);
        var (ministryEn, ministryZh) = n.Ministry is null ? (string.Empty, string.Empty) : MinistryName(f.Directory, n.Ministry);
        var forEn = n.Ministry is null ? string.Empty : $" (nominations of {ministryEn})";
        var forZh = n.Ministry is null ? string.Empty : $"（{ministryZh}的提名）";
        var mail = About(f, "Request passed on", "请求已转交");
        mail.Body.Paragraph(
                $"The {stageEn} request of this workshop{forEn} is now held by {h?.To}. The link sent to {h?.From} no longer works; deadlines stay as they were.",
                $"本研讨会的{stageZh}请求{forZh}现由 {h?.To} 处理。发给 {h?.From} 的链接已失效；期限保持不变。")
            .Facts(
                new Fact("From", "原处理人", h?.From),
                new Fact("To", "现处理人", h?.To),
                h?.Via switch
                {
                    HandoverVia.Reassigned => new Fact("Reassigned by", "改派人", h.Actor),
                    HandoverVia.DirectoryChanged => new Fact("Directory changed by", "通讯录更新人", h.Actor),
                    _ => new Fact("Passed on by", "转交人", h?.Actor),
                },
                Due("Due", "期限", n.DueAt))
            .Quote("Note", "附言", h?.Note);
        WorkshopFacts(mail.Body, f);
        return mail;
    }
}
