using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

[Collection(SharedServer.Links)]
public sealed class DecisionLinkTests(AppServer server)
{
    private const string Manager = "project.manager@iom.example.org";

    private async Task<string> InReview()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        return id;
    }

    private static string ReviewToken(string id, int round = 0, TimeSpan? lifetime = null) =>
        AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, round, Manager, lifetime: lifetime);

    private Task<HttpResponseMessage> Post(string token, string decision, string? comment = null) =>
        server.Http.PostAsync($"api/decisions/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = decision,
            ["comment"] = comment ?? string.Empty,
        }));

    private async Task<int> HistoryLength(string id) => (await server.StatusAsync(id)).History.Count;

    [Fact]
    public async Task GetAndHeadShowTheFactsAndAFormButNeverDecide()
    {
        var id = await InReview();
        var token = ReviewToken(id);
        var before = await HistoryLength(id);

        var page = await server.Http.GetAsync($"api/decisions/{token}");
        var head = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"api/decisions/{token}"));
        await Task.Delay(1500);

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Contains("International Migration Law and International Standards", html, StringComparison.Ordinal);
        Assert.Contains("国际移民法与国际标准", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.InternalReview, status.Stage);
        Assert.Equal(before, status.History.Count);
    }

    [Fact]
    public async Task APostDecidesOnceAndTheSameLinkAgainSaysAlreadyRecorded()
    {
        var id = await InReview();
        var token = ReviewToken(id);

        var first = await Post(token, "approve");
        await server.WaitForStageAsync(id, Stage.Nominations);
        var replay = await Post(token, "reject", "changed my mind");
        var replayGet = await server.Http.GetAsync($"api/decisions/{token}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("decision is recorded", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already recorded", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("already recorded", await replayGet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.Nominations, status.Stage);
        Assert.DoesNotContain(status.History, h => h.Action is "DecisionReject" or "Rejected");
        var decided = Assert.Single(status.History, h => h.Action == "DecisionApprove");
        Assert.Equal(Manager, decided.Actor);
    }

    [Fact]
    public async Task FiftyConcurrentPostsOfOneLinkMakeExactlyOneDecision()
    {
        var id = await InReview();
        var token = ReviewToken(id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Post(token, i % 2 == 0 ? "approve" : "changes", "concurrent")));
        await server.WaitForStageAsync(id, Stage.Nominations, seconds: 20).ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.Delay(1500);

        // Past the link's burst (20) the rest are turned away with 429 before they reach the decision.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var status = await server.StatusAsync(id);
        Assert.Single(status.History, h => h.Action.StartsWith("Decision", StringComparison.Ordinal));
        Assert.DoesNotContain(status.History, h => h.Action == AuditActions.IgnoredLateEvent);
    }

    [Fact]
    public async Task ALinkWithOneCharacterChangedIsRefusedAndChangesNothing()
    {
        var id = await InReview();
        var token = ReviewToken(id);
        var i = token.Length / 3;
        var tampered = token[..i] + (token[i] == 'a' ? 'b' : 'a') + token[(i + 1)..];
        var before = await HistoryLength(id);

        var get = await server.Http.GetAsync($"api/decisions/{tampered}");
        var post = await Post(tampered, "approve");

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var html = await post.Content.ReadAsStringAsync();
        Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
        Assert.Contains("此链接无效", html, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal((Stage.InternalReview, before), ((await server.StatusAsync(id)).Stage, await HistoryLength(id)));
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedAndChangesNothing()
    {
        var id = await InReview();

        var post = await Post(ReviewToken(id, lifetime: TimeSpan.FromSeconds(-5)), "approve");

        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("expired", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal(Stage.InternalReview, (await server.StatusAsync(id)).Stage);
    }

    [Fact]
    public async Task ALinkForAStageTheWorkshopHasNotReachedIsRefused()
    {
        var id = await InReview();
        var donorToken = AppServer.Token(id, LinkPurpose.Decision, Stage.DonorSignOff, 0, "programme.manager@eeas.example.eu");

        var post = await Post(donorToken, "approve");

        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        await Task.Delay(1000);
        Assert.Equal(Stage.InternalReview, (await server.StatusAsync(id)).Stage);
    }

    [Fact]
    public async Task ALinkFromAnEarlierRoundIsSupersededAfterResubmission()
    {
        var id = await InReview();
        // Changes requested outside the links (so no decision is stored for round 0), then a resubmission: round 1.
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Changes, "Add a session on labour migration", null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.ChangesRequested);
        var resubmit = await server.Http.PutAsync($"api/workshops/{id}/proposal",
            new StringContent(AppServer.ReferenceProposal().ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, resubmit.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.InternalReview, Round: 1, Pending.Count: > 0 });

        var old = await Post(ReviewToken(id, round: 0), "approve");

        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains("A newer version exists", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal((Stage.InternalReview, 1), ((await server.StatusAsync(id)).Stage, (await server.StatusAsync(id)).Round));
        var current = await Post(ReviewToken(id, round: 1), "approve");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        await server.WaitForStageAsync(id, Stage.Nominations);
    }

    [Fact]
    public async Task ALinkToACancelledWorkshopIsRefused()
    {
        var id = await InReview();
        await server.Http.PostAsync($"api/workshops/{id}/cancel", new StringContent("{\"reason\":\"Venue closed\"}", System.Text.Encoding.UTF8, "application/json"));
        await server.WaitForStageAsync(id, Stage.Cancelled);

        var post = await Post(ReviewToken(id), "approve");

        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("cancelled", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Stage.Cancelled, (await server.StatusAsync(id)).Stage);
    }

    [Fact]
    public async Task RejectingWithoutACommentShowsTheFormAgainAndDecidesNothing()
    {
        var id = await InReview();

        var post = await Post(ReviewToken(id), "reject");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("A comment is required", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ok = await Post(ReviewToken(id), "reject", "Not this year");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await server.WaitForStageAsync(id, Stage.Rejected);
    }

    [Fact]
    public async Task ScriptInATitleIsEncodedOnThePage()
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["title"] = "<script>alert('x')</script> Migration";
        var (id, _) = await server.SubmitAsync(proposal);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);

        var html = await (await server.Http.GetAsync($"api/decisions/{ReviewToken(id)}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Migration", html, StringComparison.Ordinal);
    }
}
