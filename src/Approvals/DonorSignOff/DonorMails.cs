using Approvals.Handovers;
using Approvals.Nominations;
using Approvals.Notifications;
using static Approvals.Notifications.MailParts;
using static Approvals.Notifications.MailWording;

namespace Approvals.DonorSignOff;

/// <summary>What the EU donor is sent for the sign-off: the request and its reminder, each with the whole proposal and
/// who was nominated.</summary>
internal static class DonorMails
{
    public static MailContent Request(MailFacts f)
    {
        var mail = About(f, "Donor sign-off requested", "请捐助方审批");
        HandoverMails.PassedToYou(mail.Body, f);
        mail.Body.Paragraph(
            "This workshop has passed internal review and its nominations have closed. As the EU donor's programme manager, "
            + "please approve it, reject it or request changes. Opening the link alone decides nothing.",
            "本研讨会已通过内部审核，部委提名已截止。请您作为欧盟捐助方项目经理批准、拒绝或要求修改。仅打开链接不会做出任何决定。");
        DecisionAsked(mail.Body, f);
        WholeProposal(mail.Body, f);
        Nominees(mail.Body, f);
        return mail;
    }

    public static MailContent Reminder(MailFacts f)
    {
        var mail = DecisionAwaited(f);
        WholeProposal(mail.Body, f);
        Nominees(mail.Body, f);
        return mail;
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
