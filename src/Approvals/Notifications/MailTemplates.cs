using Approvals.Nominations;
using Approvals.Workflow;
using static Approvals.Notifications.MailWording;

namespace Approvals.Notifications;

/// <summary>What each kind of notification says: the subject and the bilingual body, English first.</summary>
internal static class MailTemplates
{
    public const string SubjectPrefix = "[Approvals]";

    public static MailContent Build(MailFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Notification.Kind switch
        {
            NotificationKind.ReviewRequest => ReviewRequest(f),
            NotificationKind.ChangesRequested => ChangesRequested(f),
            NotificationKind.NominationRequest => NominationRequest(f),
            NotificationKind.DonorRequest => DonorRequest(f),
            NotificationKind.Reminder => Reminder(f),
            NotificationKind.Escalation => Escalation(f),
            NotificationKind.DecisionOutcome => DecisionOutcome(f),
            NotificationKind.CancellationNotice => CancellationNotice(f),
            NotificationKind.ParticipantConfirmation => ParticipantConfirmation(f),
            NotificationKind.SlateRefused => SlateRefused(f),
            _ => throw new InvalidOperationException($"No template for notification kind {f.Notification.Kind}."),
        };
    }

    private static string Subject(MailFacts f, string en, string zh) =>
        OneLine($"{SubjectPrefix} {en}: {TitleEn(f.Proposal)} / {zh}: {TitleZh(f.Proposal)}");

    /// <summary>A header must not carry line breaks or other control characters, whatever a title holds.</summary>
    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    private static MailContent ReviewRequest(MailFacts f)
    {
        var n = f.Notification;
        var mail = new BilingualMail()
            .Heading($"Review requested: {TitleEn(f.Proposal)}", $"请审核：{TitleZh(f.Proposal)}")
            .Paragraph(
                "A workshop proposal is waiting for your internal review" + (n.Round > 0 ? $" (revision {n.Round})" : string.Empty)
                + ". Open the link to see it, then approve, reject or request changes. Opening the link alone decides nothing.",
                "有一份研讨会提案等待您的内部审核" + (n.Round > 0 ? $"（第{n.Round}次修订）" : string.Empty)
                + "。请打开链接查看，然后选择批准、拒绝或要求修改。仅打开链接不会做出任何决定。")
            .Facts(Due("Please decide by", "请于此前决定", n.DueAt))
            .Action(f.Link, "Review and decide", "审核并决定");
        Proposal(mail, f);
        mail.Note("Without an answer by then, the request is escalated to the programme managers.", "逾期未答复的，将上报项目管理人员。");
        return new MailContent(Subject(f, "Review requested", "请审核"), mail);
    }

    private static MailContent DonorRequest(MailFacts f)
    {
        var n = f.Notification;
        var mail = new BilingualMail()
            .Heading($"Donor sign-off requested: {TitleEn(f.Proposal)}", $"请捐助方审批：{TitleZh(f.Proposal)}")
            .Paragraph(
                "This workshop has passed internal review and its nominations have closed. As the EU donor's programme manager, "
                + "please approve it, reject it or request changes. Opening the link alone decides nothing.",
                "本研讨会已通过内部审核，部委提名已截止。请您作为欧盟捐助方项目经理批准、拒绝或要求修改。仅打开链接不会做出任何决定。")
            .Facts(Due("Please decide by", "请于此前决定", n.DueAt))
            .Action(f.Link, "Review and decide", "审核并决定");
        Proposal(mail, f);
        Nominees(mail, f);
        return new MailContent(Subject(f, "Donor sign-off requested", "请捐助方审批"), mail);
    }

    private static MailContent NominationRequest(MailFacts f)
    {
        var n = f.Notification;
        var (ministryEn, ministryZh) = MinistryName(f.Directory, n.Ministry);
        var quota = Count(f.Proposal.QuotaOf(n.Ministry ?? string.Empty));
        var mail = new BilingualMail()
            .Heading($"Nominations requested: {TitleEn(f.Proposal)}", $"请提名学员：{TitleZh(f.Proposal)}")
            .Paragraph(
                $"{ministryEn} is invited to nominate up to {quota} participants for this workshop. Use the link to enter the nominees "
                + "(name, position, sex, email) or to decline. You can replace the list until nominations close.",
                $"诚邀{ministryZh}为本次研讨会提名最多{quota}名学员。请通过链接填写学员信息（姓名、职务、性别、电子邮箱），或婉拒邀请。提名截止前可随时更新名单。")
            .Facts(
                new Fact("Ministry", "单位", ministryEn, ministryZh),
                new Fact("Quota", "名额", quota),
                Due("Nominations close", "提名截止", n.DueAt))
            .Action(f.Link, "Nominate participants", "提名学员");
        WorkshopFacts(mail, f);
        return new MailContent(Subject(f, "Nominations requested", "请提名学员"), mail);
    }

    private static MailContent SlateRefused(MailFacts f)
    {
        var n = f.Notification;
        var (ministryEn, ministryZh) = MinistryName(f.Directory, n.Ministry);
        var quota = Count(f.Proposal.QuotaOf(n.Ministry ?? string.Empty));
        var mail = new BilingualMail()
            .Heading($"Nominations not accepted: {TitleEn(f.Proposal)}", $"提名未被接受：{TitleZh(f.Proposal)}")
            .Paragraph(
                $"The list of nominees that {ministryEn} sent could not be accepted, so it was not recorded. Please correct it and send it again with the same link before nominations close.",
                $"{ministryZh}提交的学员名单未能被接受，因此未予记录。请在提名截止前更正后通过同一链接重新提交。")
            .Quote("Reason", "原因", n.Comment)
            .Facts(new Fact("Quota", "名额", quota), Due("Nominations close", "提名截止", n.DueAt))
            .Action(f.Link, "Correct the nominations", "更正提名");
        WorkshopFacts(mail, f);
        return new MailContent(Subject(f, "Nominations not accepted", "提名未被接受"), mail);
    }

    private static MailContent ChangesRequested(MailFacts f)
    {
        var n = f.Notification;
        var (byEn, byZh) = n.Outcome == Stage.DonorSignOff ? ("The EU donor", "欧盟捐助方") : ("The internal review", "内部审核");
        var (backEn, backZh) = StageName(n.Outcome ?? Stage.InternalReview);
        var mail = new BilingualMail()
            .Heading($"Changes requested: {TitleEn(f.Proposal)}", $"需要修改：{TitleZh(f.Proposal)}")
            .Paragraph($"{byEn} asked for changes to your proposal.", $"{byZh}要求修改您的提案。")
            .Quote("Comment", "意见", n.Comment)
            .Facts(Due("Please resubmit by", "请于此前重新提交", n.DueAt));
        Resubmit(mail, f, backEn, backZh);
        WorkshopFacts(mail, f);
        return new MailContent(Subject(f, "Changes requested", "需要修改"), mail);
    }

    private static void Resubmit(BilingualMail mail, MailFacts f, string backEn, string backZh) => mail
        .Paragraph(
            $"Resubmit the corrected proposal - the whole proposal JSON, as first submitted - with PUT /api/workshops/{f.Notification.WorkshopId}/proposal "
            + $"and your API key. It then goes back to {backEn}.",
            $"请使用 PUT /api/workshops/{f.Notification.WorkshopId}/proposal 并附上您的 API 密钥，重新提交修改后的完整提案（JSON，格式与首次提交相同）。提交后将重新进入{backZh}。")
        .Code(ResubmitCommand(f.ResubmitUrl));

    private static MailContent Reminder(MailFacts f)
    {
        var n = f.Notification;
        var mail = new BilingualMail();
        switch (n.Role)
        {
            case Role.FocalPoint:
            {
                var (ministryEn, ministryZh) = MinistryName(f.Directory, n.Ministry);
                var quota = Count(f.Proposal.QuotaOf(n.Ministry ?? string.Empty));
                mail.Heading($"Reminder: nominations close soon: {TitleEn(f.Proposal)}", $"提醒：提名即将截止：{TitleZh(f.Proposal)}")
                    .Paragraph($"{ministryEn} has not yet sent or declined its nominations (up to {quota} participants).",
                        $"{ministryZh}尚未提交或婉拒提名（最多{quota}名学员）。")
                    .Facts(new Fact("Quota", "名额", quota), Due("Nominations close", "提名截止", n.DueAt))
                    .Action(f.Link, "Nominate participants", "提名学员");
                WorkshopFacts(mail, f);
                break;
            }

            case Role.Proposer:
            {
                var (backEn, backZh) = StageName(Stage.InternalReview);
                mail.Heading($"Reminder: changes are awaited: {TitleEn(f.Proposal)}", $"提醒：等待您修改提案：{TitleZh(f.Proposal)}")
                    .Paragraph("Changes were requested to your proposal and it has not been resubmitted yet.", "您的提案需要修改，目前尚未重新提交。")
                    .Facts(Due("Please resubmit by", "请于此前重新提交", n.DueAt));
                Resubmit(mail, f, backEn, backZh);
                WorkshopFacts(mail, f);
                break;
            }

            default:
            {
                var (stageEn, stageZh) = StageName(n.Stage);
                mail.Heading($"Reminder: your decision is awaited: {TitleEn(f.Proposal)}", $"提醒：等待您的决定：{TitleZh(f.Proposal)}")
                    .Paragraph($"Your decision for the {stageEn} of this workshop has not been received yet. Opening the link alone decides nothing.",
                        $"尚未收到您对本研讨会{stageZh}的决定。仅打开链接不会做出任何决定。")
                    .Facts(Due("Please decide by", "请于此前决定", n.DueAt))
                    .Action(f.Link, "Review and decide", "审核并决定");
                if (n.Stage == Stage.DonorSignOff)
                {
                    Proposal(mail, f);
                    Nominees(mail, f);
                }
                else
                {
                    WorkshopFacts(mail, f);
                }

                break;
            }
        }

        return new MailContent(Subject(f, "Reminder", "提醒"), mail);
    }

    private static MailContent Escalation(MailFacts f)
    {
        var n = f.Notification;
        var (stageEn, stageZh) = StageName(n.Stage);
        var mail = new BilingualMail()
            .Heading($"Escalation: no answer on {TitleEn(f.Proposal)}", $"升级提醒：{TitleZh(f.Proposal)}未获答复")
            .Paragraph(
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
        WorkshopFacts(mail, f);
        return new MailContent(Subject(f, "Escalation", "升级提醒"), mail);
    }

    private static MailContent DecisionOutcome(MailFacts f)
    {
        var n = f.Notification;
        var outcome = n.Outcome ?? n.Stage;
        var mail = new BilingualMail();
        (string En, string Zh) subject;
        switch (outcome)
        {
            case Stage.Published:
                subject = ("Published", "已发布");
                mail.Heading($"Published: {TitleEn(f.Proposal)}", $"已发布：{TitleZh(f.Proposal)}")
                    .Paragraph("The EU donor approved the workshop and its announcement is published. Every nominee receives a confirmation with a calendar invitation.",
                        "欧盟捐助方已批准本研讨会，公告已发布。每位学员都将收到附有日历邀请的参会确认。")
                    .Action(f.EventUrl, "View the announcement", "查看公告");
                break;
            case Stage.Rejected:
                subject = ("Not approved", "未获批准");
                mail.Heading($"Not approved: {TitleEn(f.Proposal)}", $"未获批准：{TitleZh(f.Proposal)}")
                    .Paragraph("The workshop was not approved; it ends here.", "本研讨会未获批准，流程到此结束。")
                    .Quote("Reason", "理由", n.Comment);
                break;
            case Stage.Expired:
                subject = ("Expired", "已过期");
                mail.Heading($"Expired: {TitleEn(f.Proposal)}", $"已过期：{TitleZh(f.Proposal)}")
                    .Paragraph("No answer came in time, so the workshop expired; it ends here.", "由于未在期限内获得答复，本研讨会已过期，流程到此结束。")
                    .Quote("Details", "详情", n.Comment);
                break;
            default:
            {
                var (en, zh) = StageName(outcome);
                subject = ("Outcome", "结果");
                mail.Heading($"Outcome: {TitleEn(f.Proposal)}", $"结果：{TitleZh(f.Proposal)}")
                    .Paragraph($"The workshop is now {en}.", $"本研讨会当前状态：{zh}。")
                    .Quote("Comment", "意见", n.Comment);
                break;
            }
        }

        WorkshopFacts(mail, f);
        return new MailContent(Subject(f, subject.En, subject.Zh), mail);
    }

    private static MailContent CancellationNotice(MailFacts f)
    {
        var mail = new BilingualMail()
            .Heading($"Cancelled: {TitleEn(f.Proposal)}", $"已取消：{TitleZh(f.Proposal)}")
            .Paragraph("This workshop has been cancelled. Any link you received for it no longer works, and nothing more is needed from you.",
                "本研讨会已取消。您收到的相关链接均已失效，无需再做任何操作。")
            .Quote("Reason", "原因", f.Notification.Comment);
        WorkshopFacts(mail, f);
        return new MailContent(Subject(f, "Cancelled", "已取消"), mail);
    }

    private static MailContent ParticipantConfirmation(MailFacts f)
    {
        var n = f.Notification;
        var nominee = n.Nominee;
        var (ministryEn, ministryZh) = MinistryName(f.Directory, n.Ministry);
        var nameEn = nominee?.Name ?? n.To;
        var nameZh = string.IsNullOrWhiteSpace(nominee?.NameZh) ? nameEn : nominee.NameZh;
        var mail = new BilingualMail()
            .Heading($"Participation confirmed: {TitleEn(f.Proposal)}", $"参会确认：{TitleZh(f.Proposal)}")
            .Paragraph($"Dear {nameEn},", $"{nameZh}：您好！")
            .Paragraph(
                $"You are confirmed as a participant in this workshop, nominated by {ministryEn}. The attached invitation (invite.ics) adds it to your calendar.",
                $"您已确认作为{ministryZh}提名的学员参加本次研讨会。附件中的日历邀请（invite.ics）可将其添加到您的日历。")
            .Facts(new Fact("Participant", "学员", nominee is null ? nameEn : $"{nameEn}, {nominee.Position}", nominee is null ? nameZh : $"{nameZh}，{nominee.Position}"));
        WorkshopFacts(mail, f);
        Summary(mail, f.Proposal);
        mail.Action(f.EventUrl, "View the announcement", "查看公告");
        return new MailContent(Subject(f, "Participation confirmed", "参会确认"), mail);
    }

    private static void WorkshopFacts(BilingualMail mail, MailFacts f) => mail.Facts(Workshop(f.Notification.WorkshopId, f.Proposal));

    /// <summary>The whole proposal, for those who decide on it.</summary>
    private static void Proposal(BilingualMail mail, MailFacts f)
    {
        var p = f.Proposal;
        mail.Heading("The proposal", "提案内容")
            .Facts([.. Workshop(f.Notification.WorkshopId, p),
                new Fact("Budget", "预算", Money(p.BudgetEur)),
                new Fact("Funding", "资金来源", p.FundingInstrument),
                new Fact("Submitted by", "提交人", p.SubmittedBy)]);
        Summary(mail, p);
        mail.Table(new TableRow(["Invited ministry", "Quota"], ["受邀单位", "名额"]), p.Invitations.Select(i =>
        {
            var (en, zh) = MinistryName(f.Directory, i.Ministry);
            return new TableRow([en, Count(i.Quota)], [zh, Count(i.Quota)]);
        }));
    }

    /// <summary>Nominees by ministry and by sex, then each nominee: what the donor signs off.</summary>
    private static void Nominees(BilingualMail mail, MailFacts f)
    {
        var p = f.Proposal;
        var slates = f.Slates.ToDictionary(s => s.Ministry, StringComparer.OrdinalIgnoreCase);
        var all = f.Slates.Where(s => !s.Declined).SelectMany(s => s.Nominees).ToList();
        int CountOf(IEnumerable<Nominee> list, Sex sex) => list.Count(x => x.Sex == sex);

        mail.Heading("Nominees", "学员名单")
            .Facts(
                new Fact("Nominees", "学员总数", $"{Count(all.Count)} of {Count(p.Capacity)} places", $"{Count(all.Count)}人（名额{Count(p.Capacity)}人）"),
                new Fact("Female", "女", Count(CountOf(all, Sex.Female))),
                new Fact("Male", "男", Count(CountOf(all, Sex.Male))),
                new Fact("Undisclosed", "未披露", Count(CountOf(all, Sex.Undisclosed))))
            .Table(new TableRow(["Ministry", "Nominated / quota", "Female", "Male", "Undisclosed"], ["单位", "提名/名额", "女", "男", "未披露"]), p.Invitations.Select(i =>
            {
                var (en, zh) = MinistryName(f.Directory, i.Ministry);
                if (!slates.TryGetValue(i.Ministry, out var s))
                {
                    return new TableRow([en, "no answer", "-", "-", "-"], [zh, "未答复", "-", "-", "-"]);
                }

                if (s.Declined)
                {
                    return new TableRow([en, "declined", "-", "-", "-"], [zh, "婉拒", "-", "-", "-"]);
                }

                string[] counts = [$"{Count(s.Nominees.Count)} / {Count(i.Quota)}", Count(CountOf(s.Nominees, Sex.Female)),
                    Count(CountOf(s.Nominees, Sex.Male)), Count(CountOf(s.Nominees, Sex.Undisclosed))];
                return new TableRow([en, .. counts], [zh, .. counts]);
            }))
            .Table(new TableRow(["Name", "Position", "Ministry", "Sex"], ["姓名", "职务", "单位", "性别"]), f.Slates.Where(s => !s.Declined)
                .SelectMany(s => s.Nominees.Select(x => (s.Ministry, Nominee: x)))
                .Select(x =>
                {
                    var (en, zh) = MinistryName(f.Directory, x.Ministry);
                    var sex = SexName(x.Nominee.Sex);
                    var nameZh = string.IsNullOrWhiteSpace(x.Nominee.NameZh) ? x.Nominee.Name : $"{x.Nominee.NameZh}（{x.Nominee.Name}）";
                    return new TableRow([x.Nominee.Name, x.Nominee.Position, x.Ministry, sex.En], [nameZh, x.Nominee.Position, zh, sex.Zh]);
                }));
    }
}
