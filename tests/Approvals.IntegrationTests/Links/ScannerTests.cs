using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

/// <summary>A mail scanner (Defender Safe Links and the like) that opens every link of a mail in a real browser and
/// submits every form on the page as it stands, with each of its buttons, typing nothing: it decides nothing and
/// declines nothing. A person still decides in one screen.</summary>
[Collection(SharedServer.Browsers)]
public sealed class ScannerTests(AppServer server)
{
    private const string ProjectManager = "project.manager@iom.example.org";

    [Fact]
    public async Task AScannerSubmittingTheDecisionFormDecidesNothingAndAPersonDecidesInOneScreen()
    {
        var (id, _) = await server.SubmitAsync();
        var link = await MailedLink(id, ProjectManager);

        await Scan(link);

        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.InternalReview, status.Stage);
        Assert.DoesNotContain(status.History, h => h.Action.StartsWith("Decision", StringComparison.Ordinal));

        // A person: picks Approve and presses the one button.
        var page = await Open(link);
        var form = LinkBrowser.DecisionForm(page);
        form.Elements.OfType<IHtmlInputElement>().Single(i => i.Type == "radio" && i.Value == "approve").IsChecked = true;
        var decided = await Submit(form, form.Elements.OfType<IHtmlButtonElement>().Single());
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("your decision is recorded", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await server.WaitForStageAsync(id, Stage.Nominations);
    }

    [Fact]
    public async Task AScannerSubmittingTheNominationFormsSendsNoSlateAndDeclinesNothing()
    {
        var (id, _) = await server.SubmitAsync();
        var review = await Open(await MailedLink(id, ProjectManager));
        var decision = LinkBrowser.DecisionForm(review);
        decision.Elements.OfType<IHtmlInputElement>().Single(i => i.Type == "radio" && i.Value == "approve").IsChecked = true;
        Assert.Equal(HttpStatusCode.OK, (await Submit(decision, null)).StatusCode);
        await server.WaitForStageAsync(id, Stage.Nominations);

        var link = await MailedLink(id, "focal.mofcom@gov.example.cn");
        await Scan(link);

        await Task.Delay(1000); // an event the scanner raised would show within the polling interval
        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.Nominations, status.Stage);
        Assert.Contains(status.Pending, p => p.Party == "MOFCOM");
        Assert.DoesNotContain(status.History, h => h.Action is AuditActions.SlateReceivedViaLink or AuditActions.SlateDeclinedViaLink);

        // A person declines by ticking the box.
        var page = await Open(link);
        var declineForm = page.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "confirmDecline"));
        declineForm.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "confirmDecline").IsChecked = true;
        Assert.Equal(HttpStatusCode.OK, (await Submit(declineForm, null)).StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.All(p => p.Party != "MOFCOM"));
    }

    private Task Scan(Uri link) => LinkBrowser.Scan(server, link);

    private Task<IHtmlDocument> Open(Uri link) => LinkBrowser.Open(server, link);

    private Task<HttpResponseMessage> Submit(IHtmlFormElement form, IHtmlElement? submitter) => LinkBrowser.Submit(server, form, submitter);

    private Task<Uri> MailedLink(string id, string to) => LinkBrowser.MailedLink(server, id, to);
}
