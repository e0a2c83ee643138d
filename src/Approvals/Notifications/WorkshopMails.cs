using Approvals.Workflow;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Notifications;

/// <summary>Mails about the workshop as a whole, whichever stage it is in: the escalation of an overdue request, the
/// outcome of the workflow and the notice that it was cancelled.</summary>
internal static class WorkshopMails
{
    public static MailContent Escalation(MailFacts f)
    {
        var n = f.Notification;
        var (stageEn, stageZh) = StageName(n.Stage);

        // The only heading that names the workshop inside its sentence rather than after its words.
        var mail = new MailContent(Subject(f, "Escalation", "升级提醒"),
            new BilingualMail().Heading($"Escalation: no answer on {TitleEn(f.Proposal)}", $"升级提醒：{TitleZh(f.Proposal)}未获答复"));
        mail.Body.Paragraph(
                $"The {stageEn} of this workshop is overdue. The request stays open until the time below; if nobody answers by then, the workshop expires.",
                $"本研讨会的{stageZh}已逾期。请求将保留至以下时间；届时仍无人答复，研讨会将过期。")
            .Facts(Due("Expires at", "过期时间", n.DueAt))
            .Table(new TableRow(["Waiting for", "Role", "Due"], ["等待答复方", "角色", "期限"]), f.Pending.Select(p =>
            {
                var party = p.Role == Role.FocalPoint ? MinistryName(f.Directory, p.Party) : (En: p.Party, Zh: p.Party);
                var role = RoleName(p.Role);
                return new TableRow([party.En, role.En, ChinaTime.En(p.DueAt)], [party.Zh, role.Zh, ChinaTime.Zh(p.DueAt)]);
            }))
            .Action(f.Link, "Review and decide", "审核并决定")
            .Paragraph("The workshop's status:", "研讨会状态查询：")
            .Code($"curl -H \"x-functions-key: <your API key>\" {f.StatusUrl.AbsoluteUri}");
        WorkshopFacts(mail.Body, f);
        return mail;
    }

    public static MailContent DecisionOutcome(MailFacts f)
    {
        var n = f.Notification;
        var outcome = n.Outcome ?? n.Stage;
        MailContent mail;
        switch (outcome)
        {
            case Stage.Published:
                mail = About(f, "Published", "已发布");
                mail.Body.Paragraph("The EU donor approved the workshop and its announcement is published. Every nominee receives a confirmation with a calendar invitation.",
                        "欧盟捐助方已批准本研讨会，公告已发布。每位学员都将收到附有日历邀请的参会确认。")
                    .Action(f.EventUrl, "View the announcement", "查看公告");
                break;
            case Stage.Rejected:
                mail = About(f, "Not approved", "未获批准");
                mail.Body.Paragraph("The workshop was not approved; it ends here.", "本研讨会未获批准，流程到此结束。")
                    .Quote("Reason", "理由", n.Comment);
                break;
            case Stage.Expired:
                mail = About(f, "Expired", "已过期");
                mail.Body.Paragraph("No answer came in time, so the workshop expired; it ends here.", "由于未在期限内获得答复，本研讨会已过期，流程到此结束。")
                    .Quote("Details", "详情", n.Comment);
                break;
            default:
            {
                var (en, zh) = StageName(outcome);
                mail = About(f, "Outcome", "结果");
                mail.Body.Paragraph($"The workshop is now {en}.", $"本研讨会当前状态：{zh}。")
                    .Quote("Comment", "意见", n.Comment);
                break;
            }
        }

        WorkshopFacts(mail.Body, f);
        return mail;
    }

    public static MailContent CancellationNotice(MailFacts f)
    {
        var mail = About(f, "Cancelled", "已取消");
        mail.Body.Paragraph("This workshop has been cancelled. Any link you received for it no longer works, and nothing more is needed from you.",
                "本研讨会已取消。您收到的相关链接均已失效，无需再做任何操作。")
            .Quote("Reason", "原因", f.Notification.Comment);
        WorkshopFacts(mail.Body, f);
        return mail;
    }
}
