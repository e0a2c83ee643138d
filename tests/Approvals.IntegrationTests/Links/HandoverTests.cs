using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Approvals.Handovers;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

/// <summary>Approvers go on leave: staff reassign a waiting request, or its holder passes it on from their link. The old
/// link then says who holds the request and decides nothing; the new holder's mail arrives and their answer counts.</summary>
[Collection(SharedServer.Browsers)]
public sealed class HandoverTests(AppServer server)
{
    private const string Manager = "project.manager@iom.example.org";
    private const string Deputy = "deputy.manager@iom.example.org";
    private const string Proposer = "project.officer@iom.example.org";
    private const string Escalation = "liaison.office@iom.example.org";
    private const string FocalPoint = "focal.mofcom@gov.example.cn";
    private const string Colleague = "li.na@mofcom.example.cn";
    private const string Donor = "programme.manager@eeas.example.eu";

    [Fact]
    public async Task AReassignedReviewIsDecidedByTheNewManagerAndTheOldLinkSaysWhoHoldsItNow()
    {
        var (id, _) = await server.SubmitAsync();
        var first = await LinkBrowser.MailedLink(server, id, Manager);
        var dueBefore = Assert.Single((await server.StatusAsync(id)).Pending).DueAt;

        var reassigned = await Reassign(id, Manager, Deputy, "On leave until March");

        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        var pending = Assert.Single((await server.StatusAsync(id)).Pending);
        Assert.Equal((Deputy, dueBefore), (pending.Party, pending.DueAt));

        // The first manager's link: the "passed to" page, and a decision sent with it changes nothing.
        var page = await server.Http.GetAsync(first);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains($"This request was passed to {Deputy}", html, StringComparison.Ordinal);
        Assert.Contains($"此请求已转交给 {Deputy}", html, StringComparison.Ordinal);
        var stale = await server.Http.PostAsync(first, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));
        Assert.Equal(HttpStatusCode.Gone, stale.StatusCode);
        Assert.DoesNotContain("recorded", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Even an event raised straight to the workflow in the first manager's name is refused, with the reason.
        var raised = new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, null, null, DateTimeOffset.UtcNow);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded, raised);
        var answer = await server.Process.DurableClient.AnswerToAsync(id, DecisionRecorded.RefusalReceiptOf(Stage.InternalReview, 0, Manager), s => s.Stage == Stage.InternalReview);
        Assert.Equal(Hearing.Refused, answer.Hearing);
        Assert.Contains($"passed to {Deputy}", answer.Why, StringComparison.Ordinal);
        Assert.Equal(Stage.InternalReview, (await server.StatusAsync(id)).Stage);

        // The deputy's mail says why it came, and their decision moves the workshop.
        var mail = await Eventually.Found(async () => (await server.MailsAsync(id)).FirstOrDefault(m => m.To == Deputy), TimeSpan.FromSeconds(30), "the deputy's mail");
        Assert.Contains("reassigned it to you", mail.Text, StringComparison.Ordinal);
        Assert.Contains("On leave until March", mail.Text, StringComparison.Ordinal);
        var second = await LinkBrowser.MailedLink(server, id, Deputy);
        var form = LinkBrowser.DecisionForm(await LinkBrowser.Open(server, second));
        form.Elements.OfType<IHtmlInputElement>().Single(i => i.Type == "radio" && i.Value == "approve").IsChecked = true;
        var decided = await LinkBrowser.Submit(server, form, null);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("your decision is recorded", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await server.WaitForStageAsync(id, Stage.Nominations);

        var line = Assert.Single(status.History, h => h.Action == AuditActions.Reassigned);
        Assert.Equal("staff", line.Actor);
        Assert.Contains($"{Manager} → {Deputy}", line.Comment, StringComparison.Ordinal);
        Assert.Equal(Deputy, Assert.Single(status.History, h => h.Action == AuditActions.Approved).Actor);
        Assert.Contains(status.History, h => h.Action == AuditActions.IgnoredLateEvent && h.Comment!.Contains("no longer holds", StringComparison.Ordinal));
        await ToldOfTheHandover(id, Proposer, Escalation, Manager);
    }

    [Fact]
    public async Task AFocalPointPassesTheNominationLinkToAColleagueWhoSendsTheSlate()
    {
        var id = await InNominations();
        var link = await LinkBrowser.MailedLink(server, id, FocalPoint);

        // A scanner submitting the form as it stands passes nothing on.
        var scanned = await LinkBrowser.Submit(server, LinkBrowser.PassOnForm(await LinkBrowser.Open(server, link)), null);
        Assert.Equal(HttpStatusCode.BadRequest, scanned.StatusCode);
        Assert.Contains("Nothing was passed on", await scanned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await server.StatusAsync(id)).History, h => h.Action is AuditActions.PassedOn or AuditActions.PassOnViaLink);

        var passed = await LinkBrowser.Submit(server, LinkBrowser.PassOnForm(await LinkBrowser.Open(server, link), Colleague, "I am travelling; Li Na nominates for us."), null);
        var passedHtml = await passed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Contains($"Passed on to {Colleague}", passedHtml, StringComparison.Ordinal);
        Assert.Contains($"已转交给 {Colleague}", passedHtml, StringComparison.Ordinal);

        var old = await server.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains($"This request was passed to {Colleague}", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = await Eventually.Found(async () => (await server.MailsAsync(id)).FirstOrDefault(m => m.To == Colleague), TimeSpan.FromSeconds(30), "the colleague's mail");
        Assert.Contains($"{FocalPoint} passed this request on to you", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Li Na nominates for us", mail.Text, StringComparison.Ordinal);
        var theirs = await LinkBrowser.MailedLink(server, id, Colleague);
        var sent = await server.Http.PostAsync(theirs, Slate("Wang Fang", "wang.fang@mofcom.example.cn"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("your nominations are received", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The old link cannot replace the colleague's slate.
        var replaced = await server.Http.PostAsync(link, Slate("Someone Else", "someone@mofcom.example.cn"));
        Assert.Equal(HttpStatusCode.Gone, replaced.StatusCode);

        var status = await Eventually.Until(() => server.StatusAsync(id), s => s.Pending.All(p => p.Party != "MOFCOM"), TimeSpan.FromSeconds(30));
        Assert.Equal(1, status.Nominations.Total);
        var line = Assert.Single(status.History, h => h.Action == AuditActions.PassedOn);
        Assert.Equal(FocalPoint, line.Actor);
        Assert.Contains($"MOFCOM: {FocalPoint} → {Colleague}", line.Comment, StringComparison.Ordinal);
        Assert.Equal(Colleague, Assert.Single(status.History, h => h.Action == AuditActions.SlateAccepted).Actor);
        await ToldOfTheHandover(id, Proposer, Escalation);
    }

    [Fact]
    public async Task BadReassignmentsAreRefusedByFieldAndChangeNothing()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);

        var invalid = await server.Http.PostAsJsonAsync($"api/workshops/{id}/reassign", new { from = "nobody", to = Manager });
        var notHolder = await Reassign(id, Deputy, "someone@iom.example.org", "typo");
        var missing = await Reassign("ws-20990101-000000", Manager, Deputy, "no such workshop");
        var brokenText = new ByteArrayContent([.. "{\"from\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]);
        brokenText.Headers.ContentType = new("application/json");
        var broken = await server.Http.PostAsync($"api/workshops/{id}/reassign", brokenText);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = AppServer.Problem(await invalid.Content.ReadAsStringAsync()).GetProperty("errors");
        Assert.True(problem.TryGetProperty("from", out _));
        Assert.True(problem.TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Conflict, notHolder.StatusCode);
        Assert.True(AppServer.Problem(await notHolder.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var status = await server.StatusAsync(id);
        Assert.Equal(Manager, Assert.Single(status.Pending).Party);
        Assert.DoesNotContain(status.History, h => h.Action is AuditActions.Reassigned or AuditActions.HandoverRefused);
    }

    [Fact]
    public async Task AtTheDonorOnlyTheDonorsProgrammeManagersCanTakeTheRequest()
    {
        var id = await InNominations();
        await server.Http.PostAsJsonAsync(NominationLink(id, "SAFEA"), new
        {
            nominees = new[] { new { name = "Zhao Min", nameZh = "赵敏", position = "Director", sex = "female", email = "zhao.min@safea.example.cn" } },
        });
        foreach (var ministry in new[] { "MFA", "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "NHFPC" })
        {
            await server.Http.PostAsJsonAsync(NominationLink(id, ministry), new { decline = true });
        }

        await server.WaitForStageAsync(id, Stage.DonorSignOff);
        var link = await LinkBrowser.MailedLink(server, id, Donor);
        var page = await LinkBrowser.Open(server, link);
        Assert.Contains(Donor, page.Body!.TextContent, StringComparison.Ordinal);

        var refused = await LinkBrowser.Submit(server, LinkBrowser.PassOnForm(page, "friend@eeas.example.eu", "please"), null);
        var viaApi = await Reassign(id, Donor, "friend@eeas.example.eu", "leave");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("programme managers listed in the directory can sign off", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was passed on", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, viaApi.StatusCode);
        Assert.True(AppServer.Problem(await viaApi.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync(link)).StatusCode);
        var status = await server.StatusAsync(id);
        Assert.Equal(Donor, Assert.Single(status.Pending).Party);
        Assert.DoesNotContain(status.History, h => h.Action is AuditActions.PassedOn or AuditActions.PassOnViaLink);
    }

    private Task<HttpResponseMessage> Reassign(string id, string from, string to, string reason) =>
        server.Http.PostAsJsonAsync($"api/workshops/{id}/reassign", new { from, to, reason });

    private async Task<string> InNominations()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.Nominations, Pending.Count: 8 });
        return id;
    }

    private static string NominationLink(string id, string ministry) =>
        $"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn")}";

    private static FormUrlEncodedContent Slate(string name, string email) => new(new Dictionary<string, string>
    {
        ["nominees[0].name"] = name,
        ["nominees[0].position"] = "Division Director",
        ["nominees[0].sex"] = "female",
        ["nominees[0].email"] = email,
    });

    /// <summary>Each of <paramref name="addresses"/> got the notice naming the new holder.</summary>
    private async Task ToldOfTheHandover(string id, params string[] addresses)
    {
        foreach (var to in addresses)
        {
            var notice = await Eventually.Found(async () => (await server.MailsAsync(id)).FirstOrDefault(m => m.To == to && m.Subject.Contains("Request passed on", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), $"the handover notice to {to}");
            Assert.Contains("请求已转交", notice.Subject, StringComparison.Ordinal);
        }
    }
}
