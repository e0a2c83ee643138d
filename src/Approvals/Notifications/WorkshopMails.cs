using Approvals.Workflow;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.Notifications;

/// <summary>Mails about the workshop as a whole, whichever stage it is in: the escalation of an overdue request, the
/// outcome of the workflow, the notice that it was cancelled and the alarm that one of its steps is stuck.</summary>
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

    /// <summary>To the escalation contacts, once per stuck step: what is stuck and since when, why in short, and what to do.</summary>
    public static MailContent StepStuck(MailFacts f)
    {
        var n = f.Notification;
        var (stageEn, stageZh) = StageName(n.Stage);
        var (stepEn, stepZh) = StepName(n.Stuck?.Step);
        var mail = About(f, "Stuck, needs you", "流程受阻，需要处理");
        mail.Body.Paragraph(
                $"The workflow could not {stepEn}, even after trying again for a while, and is waiting for a person. Nothing is lost: the workshop "
                + $"stays in {stageEn} and nothing more happens until the step runs again.",
                $"多次重试后，流程仍无法{stepZh}，现暂停等待人工处理。没有任何数据丢失：研讨会停留在“{stageZh}”阶段，在该步骤重新运行之前不会有任何进展。")
            .Facts(
                new Fact("Stuck step", "受阻步骤", $"{stepEn} ({n.Stuck?.Step})", $"{stepZh}（{n.Stuck?.Step}）"),
                new Fact("Stage", "阶段", stageEn, stageZh),
                new Fact("Stuck since", "受阻时间", ChinaTime.En(n.Stuck?.Since ?? n.CreatedAt), ChinaTime.Zh(n.Stuck?.Since ?? n.CreatedAt)))
            .Quote("Reason", "原因", n.Comment)
            .Paragraph("What to do: fix the cause above (often storage or a setting), then run the step again. It runs with the same data as before.",
                "处理方法：先排除上述原因（通常与存储或配置有关），然后重新运行该步骤。该步骤将使用与之前相同的数据运行。")
            .Code($"curl -X POST -H \"x-functions-key: <your API key>\" {f.StatusUrl.AbsoluteUri}/retry")
            .Paragraph("If the workshop cannot go on, cancel it instead; its status shows whether it is still stuck:",
                "如研讨会无法继续，请将其取消；可通过状态查询确认是否仍然受阻：")
            .Code($"curl -H \"x-functions-key: <your API key>\" {f.StatusUrl.AbsoluteUri}");
        WorkshopFacts(mail.Body, f);
        return mail;
    }
}
