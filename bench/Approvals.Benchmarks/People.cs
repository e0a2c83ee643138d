using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp;
using AngleSharp.Html.Dom;
using Approvals.Status;
using Approvals.Workflow;

namespace Approvals.Benchmarks;

/// <summary>What the people do, over HTTP only: staff submit proposals with the key; approvers and focal points open
/// the link from their mail (GET), fill in the page's form as a browser builds it and press its button (POST).</summary>
public sealed class People(HttpClient staff, HttpClient browser, System.Diagnostics.Stopwatch clock)
{
    private static readonly string Proposal = File.ReadAllText(Path.Combine(BenchServer.RepositoryRoot(), "samples", "proposal.json"));

    public async Task<string> SubmitAsync(string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/workshops")
        {
            Content = new StringContent(Proposal, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await staff.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"Submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<Stage> StageAsync(HttpClient status, string id)
    {
        var body = await status.GetFromJsonAsync<WorkshopStatus>($"api/workshops/{id}", Json.Options);
        return body!.Stage;
    }

    /// <summary>Opens a decision link, chooses approve and presses the button; returns when the button was pressed.</summary>
    public async Task<TimeSpan> ApproveAsync(Uri link) => (await ApproveTimedAsync(link)).Pressed;

    /// <summary>As <see cref="ApproveAsync"/>, also returning when the page answered "recorded".</summary>
    public async Task<(TimeSpan Pressed, TimeSpan Answered)> ApproveTimedAsync(Uri link)
    {
        var page = await OpenAsync(link);
        var form = page.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Type == "radio" && i.Name == "decision"));
        form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "decision" && i.Value == "approve").IsChecked = true;
        var pressed = clock.Elapsed;
        await SubmitAsync(form, "your decision is recorded");
        return (pressed, clock.Elapsed);
    }

    /// <summary>Opens a nomination link and sends a full slate: as many nominees as the form has rows.</summary>
    public async Task<int> SendSlateAsync(Uri link, string ministryTag)
    {
        var page = await OpenAsync(link);
        var form = page.Forms.First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name is { } n && n.EndsWith(".email", StringComparison.Ordinal)));
        var rows = 0;
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (input.Name is not { } name || !name.StartsWith("nominees[", StringComparison.Ordinal)) continue;
            var row = name[9..name.IndexOf(']', StringComparison.Ordinal)];
            var field = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
            input.Value = field switch
            {
                "name" => $"Official {ministryTag} {row}",
                "nameZh" => $"官员{row}",
                "position" => "Division Director",
                "email" => $"official.{row}.{ministryTag}@gov.example.cn",
                _ => input.Value,
            };
            if (field == "email") rows++;
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
        {
            var options = select.Options.Where(o => o.Value.Length > 0).ToList();
            if (options.Count > 0) select.Value = options[rows % options.Count].Value;
        }

        await SubmitAsync(form, null);
        return rows;
    }

    private async Task<IHtmlDocument> OpenAsync(Uri link)
    {
        using var response = await browser.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {link.AbsolutePath[..20]}… answered {(int)response.StatusCode}.");
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html).Address(link));
    }

    /// <summary>Pages answered 202 "we are checking it": the choice is stored, the workflow had not confirmed it within
    /// the page's 20 s.</summary>
    public int Unconfirmed => unconfirmed;

    private int unconfirmed;

    private async Task SubmitAsync(IHtmlFormElement form, string? expected)
    {
        var submission = form.GetSubmission(form.Elements.OfType<IHtmlButtonElement>().First()) ?? throw new InvalidOperationException("The form cannot be sent.");
        using var body = new MemoryStream();
        await submission.Body.CopyToAsync(body);
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(submission.MimeType ?? "application/x-www-form-urlencoded");
        using var response = await browser.PostAsync(new Uri(submission.Target.Href), content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            Interlocked.Increment(ref unconfirmed);
            return;
        }

        if (response.StatusCode != HttpStatusCode.OK || (expected is not null && !text.Contains(expected, StringComparison.Ordinal)))
            throw new InvalidOperationException($"The form was answered {(int)response.StatusCode}.");
    }
}
