using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Links;

/// <summary>A browser on a link's page, for people and for mail scanners: open the page, submit its forms as a browser
/// builds them, and find the link a mail carried.</summary>
internal static class LinkBrowser
{
    /// <summary>The decision form of a decision page (the one with the choice), not its "pass it on" form.</summary>
    public static IHtmlFormElement DecisionForm(IHtmlDocument page) =>
        page.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Type == "radio" && i.Name == "decision"));

    /// <summary>The "pass it on" form, filled in as a person would: the colleague's address and a note.</summary>
    public static IHtmlFormElement PassOnForm(IHtmlDocument page, string? to = null, string? note = null)
    {
        var form = page.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "passTo"));
        if (to is not null) form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "passTo").Value = to;
        if (note is not null) form.Elements.OfType<IHtmlTextAreaElement>().Single(i => i.Name == "passNote").Value = note;
        return form;
    }

    /// <summary>What the scanner does: GET and HEAD the link, then submit every form with its default values, once by
    /// implicit submission and once with each of its buttons.</summary>
    public static async Task Scan(AppServer server, Uri link)
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, link))).StatusCode);
        var forms = (await Open(server, link)).Forms.Length;
        Assert.True(forms > 0, "the page has forms to submit");
        for (var f = 0; f < forms; f++)
        {
            var form = (await Open(server, link)).Forms[f];
            var buttons = form.Elements.OfType<IHtmlButtonElement>().Count();
            var answer = await Submit(server, form, null);
            Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
            for (var b = 0; b < buttons; b++)
            {
                var fresh = (await Open(server, link)).Forms[f];
                answer = await Submit(server, fresh, fresh.Elements.OfType<IHtmlButtonElement>().ElementAt(b));
                Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
            }
        }
    }

    public static async Task<IHtmlDocument> Open(AppServer server, Uri link)
    {
        var html = await server.Http.GetStringAsync(link);
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(response => response.Content(html).Address(link));
    }

    /// <summary>Posts the form's data set exactly as a browser builds it (checked boxes and radios only, the pressed
    /// button's name and value if it has one).</summary>
    public static async Task<HttpResponseMessage> Submit(AppServer server, IHtmlFormElement form, IHtmlElement? submitter)
    {
        var request = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter)) ?? throw new InvalidOperationException("The form cannot be submitted.");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.MimeType ?? "application/x-www-form-urlencoded");
        return await server.Http.PostAsync(new Uri(request.Target.Href), content);
    }

    /// <summary>The link in the mail the workflow sent to <paramref name="to"/> for this workshop, on this server.</summary>
    public static async Task<Uri> MailedLink(AppServer server, string id, string to)
    {
        var link = await Eventually.Found(async () =>
            (await server.MailsAsync(id)).FirstOrDefault(m => m.To == to && m.Link is not null)?.Link,
            TimeSpan.FromSeconds(30), $"a mail with a link to {to} for {id}");
        return new Uri(server.Http.BaseAddress!, new Uri(link).PathAndQuery);
    }
}
