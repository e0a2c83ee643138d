using System.Net;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Notifications;

public sealed class MailRenderingTests
{
    private const string TitleEn = "International Migration Law and International Standards";
    private const string TitleZh = "国际移民法与国际标准";

    public static TheoryData<NotificationKind> AllKinds() => [.. MailSamples.Kinds];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task EveryKindRendersBothLanguagesEnglishFirst(NotificationKind kind)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(kind), slates: MailSamples.Slates());

        Assert.StartsWith("[Approvals] ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(TitleEn, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(TitleZh, mail.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { mail.Text, mail.Html })
        {
            var english = body.IndexOf(TitleEn, StringComparison.Ordinal);
            var chinese = body.IndexOf(TitleZh, StringComparison.Ordinal);
            Assert.True(english >= 0 && chinese > english, $"{kind}: English must come first, then Chinese.");
        }

        Assert.Contains("lang=\"zh-CN\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("请勿直接回复", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", mail.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(NotificationKind.ReviewRequest, "/api/decisions/")]
    [InlineData(NotificationKind.DonorRequest, "/api/decisions/")]
    [InlineData(NotificationKind.Reminder, "/api/decisions/")]
    [InlineData(NotificationKind.NominationRequest, "/api/nominations/")]
    public async Task DecisionAndNominationMailsCarryTheirLinkAsAPlainAnchor(NotificationKind kind, string path)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(kind), slates: MailSamples.Slates());

        Assert.NotNull(mail.Link);
        Assert.StartsWith("https://approvals.example.org" + path, mail.Link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(mail.Link.AbsoluteUri)}\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains(mail.Link.AbsoluteUri, mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFocalPointsReminderCarriesTheNominationLink()
    {
        var n = MailSamples.Make(NotificationKind.Reminder, "focal.mfa@gov.example.cn", Role.FocalPoint, Stage.Nominations, MailSamples.Due) with { Ministry = "MFA" };

        var mail = await MailSamples.RenderAsync(n);

        Assert.Contains("/api/nominations/", mail.Link?.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("nominations close soon", mail.Text, StringComparison.Ordinal);
        Assert.Contains("提名即将截止", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotificationKind.ChangesRequested)]
    [InlineData(NotificationKind.Escalation)]
    [InlineData(NotificationKind.DecisionOutcome)]
    [InlineData(NotificationKind.CancellationNotice)]
    [InlineData(NotificationKind.StepStuck)]
    public async Task MailsThatAskForNoDecisionCarryNoDecisionLink(NotificationKind kind)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(kind));

        Assert.Null(mail.Link);
        Assert.DoesNotContain("/api/decisions/", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/nominations/", mail.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task AScriptInATitleIsEncodedInHtmlMails(NotificationKind kind)
    {
        var proposal = Builders.Proposal() with { Title = "<script>alert('en')</script>", TitleZh = "<script>alert('zh')</script>", Venue = "<b>Beijing</b>" };

        var mail = await MailSamples.RenderAsync(MailSamples.Of(kind), proposal, MailSamples.Slates());

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Beijing", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;en&#39;)&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;zh&#39;)&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScriptInANomineeNameIsEncodedInHtmlMails()
    {
        var evil = MailSamples.Nominee with { Name = "<script>steal()</script>", NameZh = "<img src=x onerror=alert(1)>" };
        var slates = MailSamples.Slates().Select(s => s.Ministry == "MFA" ? s with { Nominees = [evil] } : s).ToList();
        var confirmation = MailSamples.Of(NotificationKind.ParticipantConfirmation) with { Nominee = evil };

        foreach (var mail in new[] { await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.DonorRequest), slates: slates), await MailSamples.RenderAsync(confirmation) })
        {
            Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", mail.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;steal()&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TimesShowChinaStandardTimeAndUtc()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ReviewRequest));

        foreach (var body in new[] { mail.Text, mail.Html })
        {
            Assert.Contains("Fri 15 Jan 2027 17:00 China Standard Time (UTC+8) = 09:00 UTC", body, StringComparison.Ordinal);
            Assert.Contains("2027年1月15日 17:00（北京时间，UTC+8）= UTC 2027-01-15 09:00", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ATimeAcrossMidnightShowsTheUtcDayToo()
    {
        var late = new DateTimeOffset(2027, 1, 15, 20, 30, 0, TimeSpan.Zero);

        Assert.Equal("Sat 16 Jan 2027 04:30 China Standard Time (UTC+8) = Fri 15 Jan 20:30 UTC", ChinaTime.En(late));
    }

    [Fact]
    public async Task ANominationRequestShowsTheMinistrysQuotaAndClosingTime()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.NominationRequest));

        Assert.Contains("Ministry of Foreign Affairs (MFA) is invited to nominate up to 10 participants", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Quota: 10", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Nominations close: Fri 15 Jan 2027 17:00 China Standard Time", mail.Text, StringComparison.Ordinal);
        Assert.Contains("诚邀外交部为本次研讨会提名最多10名学员", mail.Text, StringComparison.Ordinal);
        Assert.Contains("提名截止: 2027年1月15日 17:00", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Nominations requested", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADonorRequestShowsBudgetAndNomineesByMinistryAndSex()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.DonorRequest), slates: MailSamples.Slates());

        Assert.Contains("Budget: EUR 38,000", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Funding: EU Partnership Instrument", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Nominees: 4 of 51 places", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Female: 2", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Male: 1", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Undisclosed: 1", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Ministry of Foreign Affairs (MFA) | 3 / 10 | 2 | 1 | 0", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Ministry of Education (MOE) | declined", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Ministry of Commerce (MOFCOM) | no answer", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- 外交部 | 3 / 10 | 2 | 1 | 0", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- 李伟（Li Wei） | Division Director | 外交部 | 女", mail.Text, StringComparison.Ordinal);
        Assert.Contains("预算: EUR 38,000", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesRequestedShowsTheCommentAndHowToResubmit()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ChangesRequested));

        Assert.Contains("Please add a session on labour migration.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Please add a session on labour migration.", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"PUT /api/workshops/{MailSamples.WorkshopId}/proposal", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"curl -X PUT -H \"x-functions-key: <your API key>\" -H \"Content-Type: application/json\" --data @proposal.json https://approvals.example.org/api/workshops/{MailSamples.WorkshopId}/proposal", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Please resubmit by: Fri 15 Jan 2027 17:00 China Standard Time", mail.Text, StringComparison.Ordinal);
        Assert.Contains("内部审核要求修改您的提案", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesAskedByTheDonorSayTheProposalGoesBackToTheDonor()
    {
        var n = MailSamples.Of(NotificationKind.ChangesRequested) with { Outcome = Stage.DonorSignOff };

        var mail = await MailSamples.RenderAsync(n);

        Assert.Contains("The EU donor asked for changes", mail.Text, StringComparison.Ordinal);
        Assert.Contains("It then goes back to EU donor sign-off.", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEscalationNamesWhoHasNotAnswered()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.Escalation));

        Assert.Contains("- project.manager@iom.example.org | project manager |", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Expires at: Fri 15 Jan 2027 17:00 China Standard Time", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublishedOutcomeLinksToTheAnnouncement()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.DecisionOutcome));

        Assert.Contains($"href=\"https://approvals.example.org/api/events/{MailSamples.WorkshopId}\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("已发布", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancellationGivesTheReason()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.CancellationNotice));

        Assert.Contains("> The venue is no longer available.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("您收到的相关链接均已失效", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALineBreakInATitleDoesNotReachTheSubject()
    {
        var proposal = Builders.Proposal() with { Title = "Line one\r\nBcc: victim@example.org" };

        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ReviewRequest), proposal);

        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
    }
}
