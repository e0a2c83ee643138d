using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Links;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Contacts;

/// <summary>Staff edit the directory: a change names the version it replaces, is validated field by field, is kept in
/// the directory's history and applies to the requests sent after it. A server of its own, because a directory change
/// would reach every workshop of the shared one; the seed is put back at the end for the next class on this storage.</summary>
[Collection(nameof(OwnServers))]
public sealed partial class DirectoryApiTests(OwnAzurite azurite) : IAsyncLifetime
{
    private const string Manager = "project.manager@iom.example.org";
    private const string SecondManager = "second.manager@iom.example.org";
    private const string Deputy = "deputy.manager@iom.example.org";
    private const string Interim = "interim.manager@iom.example.org";

    private readonly AppServer server = new(new Dictionary<string, string?>(), azurite.ConnectionString);

    public Task InitializeAsync() => server.InitializeAsync();

    public async Task DisposeAsync()
    {
        try
        {
            using var restore = Put(Seed(), "*");
            await server.Http.SendAsync(restore);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task AChangeNeedsTheCurrentVersionIsValidatedAndIsKeptInTheHistory()
    {
        var read = await server.Http.GetAsync("api/directory");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!.Tag;
        var current = JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(8, current["ministries"]!.AsArray().Count);

        var unconditional = await Send(Put(current, ifMatch: null));
        Assert.Equal(HttpStatusCode.PreconditionRequired, unconditional.StatusCode);

        var invalid = current.DeepClone().AsObject();
        invalid["projectManagers"] = new JsonArray("not-an-address");
        invalid["ministries"]![1]!["code"] = "MFA";
        invalid["ministries"]![2]!["nameZh"] = "";
        var refused = await Send(Put(invalid, etag));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = AppServer.Problem(await refused.Content.ReadAsStringAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("projectManagers[0]", out _));
        Assert.Contains("unique", errors.GetProperty("ministries[1].code")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("ministries[2].nameZh", out _));

        var edited = current.DeepClone().AsObject();
        edited["projectManagers"] = new JsonArray(Manager, Interim);
        edited["ministries"]![0]!["focalPoints"] = new JsonArray("focal.mfa@gov.example.cn", "deputy.mfa@gov.example.cn");
        var changed = await Send(Put(edited, etag, by: "Anna Staff"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var newTag = changed.Headers.ETag!.Tag;
        Assert.NotEqual(etag, newTag);

        // A second editor who read the first version cannot overwrite the change.
        var stale = await Send(Put(current, etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("If-Match", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var now = await server.Http.GetFromJsonAsync<JsonObject>("api/directory");
        Assert.Equal(2, now!["projectManagers"]!.AsArray().Count);

        var history = await server.Http.GetFromJsonAsync<List<DirectoryChange>>("api/directory/changes", Json.Options);
        var change = history!.First();
        Assert.Equal("Anna Staff", change.Actor);
        Assert.Equal((etag, newTag), (change.Before, change.After));
        Assert.Contains($"projectManagers +{Interim}", change.Summary, StringComparison.Ordinal);
        Assert.Contains("MFA focalPoints +deputy.mfa@gov.example.cn", change.Summary, StringComparison.Ordinal);
        Assert.True(change.At > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task OfTwoManagersTheFirstToDecideDecidesAndAReassignmentKeepsThatRight()
    {
        var read = await server.Http.GetAsync("api/directory");
        var edited = JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        edited["projectManagers"] = new JsonArray(Manager, SecondManager);
        Assert.Equal(HttpStatusCode.OK, (await Send(Put(edited, read.Headers.ETag!.Tag))).StatusCode);

        // The change applies to the requests sent after it: both managers are asked.
        var (id, _) = await server.SubmitAsync();
        var first = await LinkBrowser.MailedLink(server, id, Manager);
        var second = await LinkBrowser.MailedLink(server, id, SecondManager);
        Assert.Equal(2, (await server.StatusAsync(id)).Pending.Count);

        var reassigned = await server.Http.PostAsJsonAsync($"api/workshops/{id}/reassign", new { from = Manager, to = Deputy, reason = "Away" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        var deputy = await LinkBrowser.MailedLink(server, id, Deputy);
        Assert.Equal(new[] { Deputy, SecondManager }, (await server.StatusAsync(id)).Pending.Select(p => p.Party).Order());

        // The second manager decides first; the deputy's page then says who decided, and the deputy decides nothing.
        Assert.Equal(HttpStatusCode.OK, (await Decide(second, "approve")).StatusCode);
        await server.WaitForStageAsync(id, Stage.Nominations);
        var late = await server.Http.PostAsync(deputy, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "reject", ["comment"] = "too late" }));
        var lateHtml = await late.Content.ReadAsStringAsync();
        Assert.Contains("already recorded", lateHtml, StringComparison.Ordinal);
        Assert.Contains($"Approved by {SecondManager}", lateHtml, StringComparison.Ordinal);
        Assert.Contains("already recorded", await (await server.Http.GetAsync(first)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await server.StatusAsync(id);
        Assert.Equal(SecondManager, Assert.Single(status.History, h => h.Action == AuditActions.Approved).Actor);
        Assert.DoesNotContain(status.History, h => h.Action == AuditActions.Rejected);
    }

    private async Task<HttpResponseMessage> Decide(Uri link, string decision)
    {
        var form = LinkBrowser.DecisionForm(await LinkBrowser.Open(server, link));
        form.Elements.OfType<IHtmlInputElement>().Single(i => i.Type == "radio" && i.Value == decision).IsChecked = true;
        return await LinkBrowser.Submit(server, form, null);
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request)
    {
        using (request) return await server.Http.SendAsync(request);
    }

    private static HttpRequestMessage Put(JsonObject directory, string? ifMatch, string? by = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "api/directory")
        {
            Content = new StringContent(directory.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (by is not null) request.Headers.Add("X-Changed-By", by);
        return request;
    }

    private static JsonObject Seed() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "directory.json")))!.AsObject();
}
