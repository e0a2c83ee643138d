using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Functions.Http;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Notifications;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Approvals.IntegrationTests.Functions;

/// <summary>
/// Every HTTP function called as the Functions host would call it — a real request, the library's services on Azurite,
/// a Durable Task client connected to the running server's backend — and what it did, seen through the server.
/// </summary>
[Collection(SharedServer.Links)]
public sealed class HttpFunctionsTests(AppServer server, FunctionsHost functions) : IClassFixture<FunctionsHost>
{
    const string ProjectManager = "project.manager@iom.example.org";
    const string Donor = "programme.manager@eeas.example.eu";

    [Fact]
    public async Task AWorkshopSubmittedThroughTheFunctionIsServedByTheServerAndTheReadFunctions()
    {
        var invalid = AppServer.ReferenceProposal();
        invalid["title"] = "Law";
        var refused = await Submit(invalid);
        Assert.Equal(StatusCodes.Status400BadRequest, refused.Status);
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("title", out _), refused.ToString());

        var submitted = await Submit(AppServer.ReferenceProposal(), idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(submitted.Status == StatusCodes.Status202Accepted, submitted.ToString());
        var id = submitted.Json.GetProperty("id").GetString()!;
        Assert.Equal($"/api/workshops/{id}", submitted.Headers.Location.ToString());
        var seen = await server.WaitForStageAsync(id, Stage.InternalReview);
        Assert.Equal("International Migration Law and International Standards", seen.Title);

        var one = await Call<WorkshopFunctions>(HttpMethods.Get, $"/api/workshops/{id}", new() { ["id"] = id }, (f, req) => f.GetWorkshop(req, id, server.Process.DurableClient));
        Assert.Equal((StatusCodes.Status200OK, "application/json"), (one.Status, one.MediaType));
        Assert.Equal((id, "InternalReview", seen.Title), (one.Json.GetProperty("id").GetString(), one.Json.GetProperty("stage").GetString(), one.Json.GetProperty("title").GetString()));

        var list = await Call<WorkshopFunctions>(HttpMethods.Get, "/api/workshops?stage=InternalReview", [], (f, req) => f.ListWorkshops(req));
        Assert.Contains(list.Json.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        var badStage = await Call<WorkshopFunctions>(HttpMethods.Get, "/api/workshops?stage=Nowhere", [], (f, req) => f.ListWorkshops(req));
        Assert.Equal(StatusCodes.Status400BadRequest, badStage.Status);
        Assert.True(badStage.Json.GetProperty("errors").TryGetProperty("stage", out _), badStage.ToString());

        var dashboard = await Dashboard("/api/dashboard?stage=InternalReview", BasicAuthorization("any-name", DevelopmentDefaults.ApiKey));
        Assert.Equal((StatusCodes.Status200OK, "text/html"), (dashboard.Status, dashboard.MediaType));
        Assert.Contains(id, dashboard.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", dashboard.Body, StringComparison.Ordinal);
        var withoutKey = await Dashboard("/api/dashboard", authorization: null);
        Assert.Equal(StatusCodes.Status401Unauthorized, withoutKey.Status);
        Assert.Equal("Basic realm=\"Approvals staff\", charset=\"UTF-8\"", withoutKey.Headers.WWWAuthenticate.ToString());
        var wrongKey = await Dashboard("/api/dashboard", BasicAuthorization("any-name", "not-the-staff-key"));
        Assert.Equal(StatusCodes.Status401Unauthorized, wrongKey.Status);
        var workshopPage = await WorkshopDashboard(id, BasicAuthorization("any-name", DevelopmentDefaults.ApiKey));
        Assert.Equal((StatusCodes.Status200OK, "text/html"), (workshopPage.Status, workshopPage.MediaType));
        Assert.Contains("Timeline / 时间线", workshopPage.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", workshopPage.Body, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await WorkshopDashboard(id, authorization: null)).Status);
        Assert.Equal(StatusCodes.Status404NotFound, (await WorkshopDashboard("ws-20270101-doesnotexist", BasicAuthorization("any-name", DevelopmentDefaults.ApiKey))).Status);

        // The page's downloads open in the Functions host with the key the browser sends by Basic (the host's own key
        // check would refuse that: they are anonymous to it and checked by the app).
        var auditCsv = await Download(id, "audit.csv", BasicAuthorization("any-name", DevelopmentDefaults.ApiKey),
            (f, req) => f.DownloadWorkshopAudit(req, id));
        Assert.Equal((StatusCodes.Status200OK, "text/csv"), (auditCsv.Status, auditCsv.MediaType));
        Assert.Contains("Submitted", auditCsv.Body, StringComparison.Ordinal);
        var statusJson = await Download(id, "status.json", BasicAuthorization("any-name", DevelopmentDefaults.ApiKey),
            (f, req) => f.DownloadWorkshopStatus(req, id, server.Process.DurableClient));
        Assert.Equal((StatusCodes.Status200OK, id), (statusJson.Status, statusJson.Json.GetProperty("id").GetString()));
        var keyless = await Download(id, "audit.csv", authorization: null, (f, req) => f.DownloadWorkshopAudit(req, id));
        Assert.Equal((StatusCodes.Status401Unauthorized, "application/problem+json"), (keyless.Status, keyless.MediaType));

        var missing = await Call<WorkshopFunctions>(HttpMethods.Get, "/api/workshops/ws-20270101-doesnotexist", new() { ["id"] = "ws-20270101-doesnotexist" },
            (f, req) => f.GetWorkshop(req, "ws-20270101-doesnotexist", server.Process.DurableClient));
        Assert.Equal((StatusCodes.Status404NotFound, "application/problem+json"), (missing.Status, missing.MediaType));

        // Nothing is stuck on a workshop in review: the retry function refuses it as the server does.
        var retry = await Call<WorkshopFunctions>(HttpMethods.Post, $"/api/workshops/{id}/retry", new() { ["id"] = id },
            (f, req) => f.RetryWorkshopStep(req, id, server.Process.DurableClient));
        Assert.Equal((StatusCodes.Status409Conflict, "application/problem+json"), (retry.Status, retry.MediaType));
        Assert.True(retry.Json.GetProperty("errors").TryGetProperty("stuck", out _), retry.ToString());
        var retryMissing = await Call<WorkshopFunctions>(HttpMethods.Post, "/api/workshops/ws-20270101-doesnotexist/retry", new() { ["id"] = "ws-20270101-doesnotexist" },
            (f, req) => f.RetryWorkshopStep(req, "ws-20270101-doesnotexist", server.Process.DurableClient));
        Assert.Equal(StatusCodes.Status404NotFound, retryMissing.Status);
    }

    [Fact]
    public async Task BothHostsAnswerABadRequestWithTheSameProblem()
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["title"] = "Law";
        proposal["capacity"] = "many";

        var fromFunction = await Submit(proposal);
        var fromServer = await server.Http.PostAsync("api/workshops", new StringContent(proposal.ToJsonString(), Encoding.UTF8, "application/json"));
        var serverBody = AppServer.Problem(await fromServer.Content.ReadAsStringAsync());

        Assert.Equal(((int)fromServer.StatusCode, fromServer.Content.Headers.ContentType?.MediaType), (fromFunction.Status, fromFunction.MediaType));
        Assert.Equal(Names(serverBody), Names(fromFunction.Json));
        Assert.Equal(Names(serverBody.GetProperty("errors")), Names(fromFunction.Json.GetProperty("errors")));
        Assert.Equal(serverBody.GetProperty("title").GetString(), fromFunction.Json.GetProperty("title").GetString());

        static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task DecisionAndNominationLinksOpenedOnTheFunctionsCarryAWorkshopToPublished()
    {
        var id = await SubmittedWorkshop();
        var review = LinkFor(NotificationKind.ReviewRequest, id, ProjectManager, Role.ProjectManager, Stage.InternalReview);

        var page = await ShowDecision(review);
        Assert.Equal((StatusCodes.Status200OK, "text/html"), (page.Status, page.MediaType));
        Assert.Contains("International Migration Law and International Standards", page.Body, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", page.Body, StringComparison.Ordinal);

        var decided = await Decide(review, ("decision", "approve"), ("comment", "Looks good"));
        Assert.True(decided.Status == StatusCodes.Status200OK && decided.Body.Contains("your decision is recorded", StringComparison.Ordinal), decided.ToString());
        await server.WaitForStageAsync(id, Stage.Nominations);
        var twice = await Decide(review, ("decision", "reject"), ("comment", "Changed my mind"));
        Assert.Contains("This decision is already recorded", twice.Body, StringComparison.Ordinal);

        foreach (var invitation in AppServer.ReferenceProposal()["invitations"]!.AsArray())
        {
            var ministry = invitation!["ministry"]!.GetValue<string>();
            var link = LinkFor(NotificationKind.NominationRequest, id, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", Role.FocalPoint, Stage.Nominations, ministry: ministry);
            if (ministry == "MFA")
            {
                var form = await ShowNominations(link);
                Assert.True(form.Status == StatusCodes.Status200OK && form.Body.Contains("Nominations from Ministry of Foreign Affairs", StringComparison.Ordinal), form.ToString());
                var sent = await SubmitNominations(link, FunctionHttp.Form(functions.Services, link.PathAndQuery, Route(link, "token"),
                    ("nominees[0].name", "Li Wei"), ("nominees[0].position", "Director"), ("nominees[0].sex", "female"), ("nominees[0].email", "li.wei@gov.example.cn"),
                    ("nominees[1].name", "Wang Fang"), ("nominees[1].position", "Deputy Director"), ("nominees[1].sex", "male"), ("nominees[1].email", "wang.fang@gov.example.cn")));
                Assert.True(sent.Status == StatusCodes.Status200OK && sent.Body.Contains("your nominations are received", StringComparison.Ordinal), sent.ToString());
            }
            else
            {
                var declined = await SubmitNominations(link, FunctionHttp.Json(functions.Services, HttpMethods.Post, link.PathAndQuery, new { decline = true }, Route(link, "token")));
                Assert.True(declined.Status == StatusCodes.Status202Accepted && declined.Json.GetProperty("declined").GetBoolean(), declined.ToString());
            }
        }

        var donorStage = await server.WaitForStageAsync(id, Stage.DonorSignOff);
        Assert.Equal(2, donorStage.Nominations.Total);
        var signOff = await Decide(LinkFor(NotificationKind.DonorRequest, id, Donor, Role.Donor, Stage.DonorSignOff), ("decision", "approve"));
        Assert.Equal(StatusCodes.Status200OK, signOff.Status);

        var published = await server.WaitForStageAsync(id, Stage.Published);
        Assert.Contains(published.History, h => h.Action == AuditActions.Approved && h.Actor == ProjectManager && h.Comment == "Looks good");
        Assert.Contains(published.History, h => h.Action == AuditActions.Published && h.Actor == Donor);

        // The public announcement, on the anonymous event functions.
        var events = await Call<EventFunctions>(HttpMethods.Get, "/api/events", [], (f, req) => f.ListEvents(req));
        var listed = Assert.Single(events.Json.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Equal($"http://localhost:7071/api/events/{id}", listed.GetProperty("url").GetString());
        var announcement = await Call<EventFunctions>(HttpMethods.Get, $"/api/events/{id}", new() { ["id"] = id }, (f, req) => f.ShowEvent(req, id));
        Assert.True(announcement.Status == StatusCodes.Status200OK && announcement.Body.Contains("International Migration Law and International Standards", StringComparison.Ordinal), announcement.ToString());
        var unknown = await Call<EventFunctions>(HttpMethods.Get, "/api/events/ws-20270101-doesnotexist", new() { ["id"] = "ws-20270101-doesnotexist" },
            (f, req) => f.ShowEvent(req, "ws-20270101-doesnotexist"));
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Status);
    }

    [Fact]
    public async Task ChangesResubmissionAndCancellationThroughTheFunctionsMoveTheWorkshop()
    {
        var id = await SubmittedWorkshop();
        var review = LinkFor(NotificationKind.ReviewRequest, id, ProjectManager, Role.ProjectManager, Stage.InternalReview);
        var noComment = await Decide(review, ("decision", "changes"));
        Assert.True(noComment.Status == StatusCodes.Status400BadRequest && noComment.Body.Contains("A comment is required", StringComparison.Ordinal), noComment.ToString());
        await Decide(review, ("decision", "changes"), ("comment", "Shorter agenda"));
        await server.WaitForStageAsync(id, Stage.ChangesRequested);

        var revised = AppServer.ReferenceProposal();
        revised["title"] = "International Migration Law (revised)";
        var resubmitted = await Call<WorkshopFunctions>(HttpMethods.Put, $"/api/workshops/{id}/proposal", new() { ["id"] = id },
            (f, req) => f.ResubmitProposal(req, id, server.Process.DurableClient), revised.ToJsonString());
        Assert.True(resubmitted.Status == StatusCodes.Status202Accepted, resubmitted.ToString());
        await Eventually.WaitFor(async () => await server.StatusAsync(id) is { Stage: Stage.InternalReview, Round: 1, Title: "International Migration Law (revised)" });

        var noReason = await Cancel(id, new JsonObject());
        Assert.Equal(StatusCodes.Status400BadRequest, noReason.Status);
        Assert.True(noReason.Json.GetProperty("errors").TryGetProperty("reason", out _), noReason.ToString());
        var cancelled = await Cancel(id, new JsonObject { ["reason"] = "Venue closed", ["cancelledBy"] = "project.officer@iom.example.org" });
        Assert.True(cancelled.Status == StatusCodes.Status202Accepted, cancelled.ToString());
        var final = await server.WaitForStageAsync(id, Stage.Cancelled);
        Assert.Contains(final.History, h => h.Action == AuditActions.Cancelled && h.Comment == "Venue closed");

        var again = await Cancel(id, new JsonObject { ["reason"] = "Again" });
        Assert.Equal((StatusCodes.Status409Conflict, "application/problem+json"), (again.Status, again.MediaType));
        var lateLink = await ShowDecision(LinkFor(NotificationKind.ReviewRequest, id, ProjectManager, Role.ProjectManager, Stage.InternalReview, round: 1));
        Assert.True(lateLink.Status == StatusCodes.Status410Gone && lateLink.Body.Contains("This workshop was cancelled", StringComparison.Ordinal), lateLink.ToString());
    }

    [Fact]
    public async Task BothHostsServeTheSamePagesWithTheSameHeaders()
    {
        var id = await SubmittedWorkshop();
        var review = LinkFor(NotificationKind.ReviewRequest, id, ProjectManager, Role.ProjectManager, Stage.InternalReview);
        var token = FunctionsHost.TokenOf(review);
        const string unknownEvent = "ws-20270101-doesnotexist";

        var form = await ShowDecision(review);
        Assert.Equal((StatusCodes.Status200OK, "text/html"), (form.Status, form.MediaType));
        Assert.Equal(await ServedByServer(HttpMethod.Get, review.AbsolutePath), Served.From(form));

        var head = FunctionHttp.Request(functions.Services, HttpMethods.Head, review.AbsolutePath, new() { ["token"] = token });
        var headers = Served.From(await FunctionHttp.RespondAsync(head, functions.Create<LinkFunctions>().ShowDecision(head.Request, token)));
        Assert.Equal(string.Empty, headers.Body);
        Assert.Equal(await ServedByServer(HttpMethod.Head, review.AbsolutePath), headers);

        var refused = await Call<LinkFunctions>(HttpMethods.Get, "/api/decisions/not-a-token", new() { ["token"] = "not-a-token" }, (f, req) => f.ShowDecision(req, "not-a-token"));
        Assert.Equal(StatusCodes.Status400BadRequest, refused.Status);
        Assert.Equal(await ServedByServer(HttpMethod.Get, "/api/decisions/not-a-token"), Served.From(refused));

        var missing = await Call<EventFunctions>(HttpMethods.Get, $"/api/events/{unknownEvent}", new() { ["id"] = unknownEvent }, (f, req) => f.ShowEvent(req, unknownEvent));
        Assert.Equal(StatusCodes.Status404NotFound, missing.Status);
        Assert.Equal(await ServedByServer(HttpMethod.Get, $"/api/events/{unknownEvent}"), Served.From(missing));
    }

    /// <summary>What a browser sees of a page: its status, the headers every page carries, and its body.</summary>
    sealed record Served(int Status, string? ContentType, string Headers, string Body)
    {
        static readonly string[] PageHeaders = ["Cache-Control", "X-Content-Type-Options", "Referrer-Policy", "Content-Security-Policy"];

        public static Served From(FunctionResponse response) => new(response.Status, response.ContentType,
            string.Join('\n', PageHeaders.Select(h => $"{h}: {response.Headers[h]}")), response.Body);

        public static async Task<Served> From(HttpResponseMessage response) => new((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
            string.Join('\n', PageHeaders.Select(h => $"{h}: {string.Join(", ", response.Headers.TryGetValues(h, out var values) ? values : [])}")),
            await response.Content.ReadAsStringAsync());
    }

    async Task<Served> ServedByServer(HttpMethod method, string path)
    {
        using var response = await server.Http.SendAsync(new HttpRequestMessage(method, path));
        return await Served.From(response);
    }

    async Task<string> SubmittedWorkshop()
    {
        var id = await functions.SubmitAsync(server.Process.DurableClient);
        await server.WaitForStageAsync(id, Stage.InternalReview);
        return id;
    }

    Task<FunctionResponse> Submit(JsonObject proposal, string? idempotencyKey = null) =>
        functions.SubmitAsync(proposal, server.Process.DurableClient, idempotencyKey);

    Task<FunctionResponse> Cancel(string id, JsonObject body) =>
        Call<WorkshopFunctions>(HttpMethods.Post, $"/api/workshops/{id}/cancel", new() { ["id"] = id }, (f, req) => f.CancelWorkshop(req, id, server.Process.DurableClient), body.ToJsonString());

    /// <summary>The dashboard function as a browser calls it: the key, if any, in the Authorization header.</summary>
    Task<FunctionResponse> Dashboard(string pathAndQuery, string? authorization)
    {
        var http = FunctionHttp.Request(functions.Services, HttpMethods.Get, pathAndQuery, [],
            headers: authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization });
        return FunctionHttp.RespondAsync(http, functions.Create<WorkshopFunctions>().ShowDashboard(http.Request));
    }

    /// <summary>The dashboard's workshop page function, called the same way.</summary>
    Task<FunctionResponse> WorkshopDashboard(string id, string? authorization)
    {
        var http = FunctionHttp.Request(functions.Services, HttpMethods.Get, $"/api/dashboard/workshops/{id}", new() { ["id"] = id },
            headers: authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization });
        return FunctionHttp.RespondAsync(http, functions.Create<WorkshopFunctions>().ShowWorkshopDashboard(http.Request, id, server.Process.DurableClient));
    }

    /// <summary>A download linked from the workshop page, called as a browser follows the link.</summary>
    Task<FunctionResponse> Download(string id, string file, string? authorization, Func<WorkshopFunctions, HttpRequest, Task<IActionResult>> function)
    {
        var http = FunctionHttp.Request(functions.Services, HttpMethods.Get, $"/api/dashboard/workshops/{id}/{file}", new() { ["id"] = id },
            headers: authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization });
        return FunctionHttp.RespondAsync(http, function(functions.Create<WorkshopFunctions>(), http.Request));
    }

    static string BasicAuthorization(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    Task<FunctionResponse> Call<TFunctions>(
        string method, string path, RouteValueDictionary route, Func<TFunctions, HttpRequest, Task<IActionResult>> function, string? body = null) =>
        functions.CallAsync(method, path, route, function, body);

    Uri LinkFor(NotificationKind kind, string id, string to, Role role, Stage stage, int round = 0, string? ministry = null) =>
        functions.LinkFor(kind, id, to, role, stage, round, ministry);

    Task<FunctionResponse> ShowDecision(Uri link) => functions.ShowDecisionAsync(link);

    Task<FunctionResponse> Decide(Uri link, params (string Name, string Value)[] fields) =>
        functions.CallLinkAsync<LinkFunctions>(link, (f, req, token) => f.Decide(req, token, server.Process.DurableClient), fields);

    Task<FunctionResponse> ShowNominations(Uri link) =>
        functions.CallLinkAsync<LinkFunctions>(link, (f, req, token) => f.ShowNominationForm(req, token));

    Task<FunctionResponse> SubmitNominations(Uri link, HttpContext http) =>
        FunctionHttp.RespondAsync(http, functions.Create<LinkFunctions>().SubmitNominations(http.Request, FunctionsHost.TokenOf(link), server.Process.DurableClient));

    static RouteValueDictionary Route(Uri link, string name) => new() { [name] = FunctionsHost.TokenOf(link) };
}
