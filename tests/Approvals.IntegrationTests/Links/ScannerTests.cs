using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

/// <summary>A mail scanner (Defender Safe Links and the like) that opens every link of a mail in a real browser and
/// submits every form on the page as it stands, with each of its buttons, typing nothing: it decides nothing and
/// declines nothing. A person still decides in one screen.</summary>
[Collection(SharedServer.Links)]
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
        var form = page.Forms.Single();
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
        var decision = review.Forms.Single();
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

    /// <summary>What the scanner does: GET and HEAD the link, then submit every form with its default values, once by
    /// implicit submission and once with each of its buttons.</summary>
    private async Task Scan(Uri link)
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, link))).StatusCode);
        var forms = (await Open(link)).Forms.Length;
        Assert.True(forms > 0, "the page has forms to submit");
        for (var f = 0; f < forms; f++)
        {
            var form = (await Open(link)).Forms[f];
            var buttons = form.Elements.OfType<IHtmlButtonElement>().Count();
            var answer = await Submit(form, null);
            Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
            for (var b = 0; b < buttons; b++)
            {
                var fresh = (await Open(link)).Forms[f];
                answer = await Submit(fresh, fresh.Elements.OfType<IHtmlButtonElement>().ElementAt(b));
                Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
            }
        }
    }

    private async Task<IHtmlDocument> Open(Uri link)
    {
        var html = await server.Http.GetStringAsync(link);
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(response => response.Content(html).Address(link));
    }

    /// <summary>Posts the form's data set exactly as a browser builds it (checked boxes and radios only, the pressed
    /// button's name and value if it has one).</summary>
    private async Task<HttpResponseMessage> Submit(IHtmlFormElement form, IHtmlElement? submitter)
    {
        var request = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter)) ?? throw new InvalidOperationException("The form cannot be submitted.");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.MimeType ?? "application/x-www-form-urlencoded");
        return await server.Http.PostAsync(new Uri(request.Target.Href), content);
    }

    /// <summary>The link in the mail the workflow sent to <paramref name="to"/> for this workshop, on this server.</summary>
    private async Task<Uri> MailedLink(string id, string to)
    {
        var link = await Eventually.Found(async () =>
            (await server.MailsAsync(id)).FirstOrDefault(m => m.To == to && m.Link is not null)?.Link,
            TimeSpan.FromSeconds(30), $"a mail with a link to {to} for {id}");
        return new Uri(server.Http.BaseAddress!, new Uri(link).PathAndQuery);
    }
}
