using System.Text.Json.Nodes;
using Approvals.Functions.Http;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Functions;

/// <summary>
/// Every HTTP function called as the Functions host would call it — a real request, the library's services on Azurite,
/// a Durable Task client connected to the running server's backend — and what it did, seen through the server.
/// </summary>
public sealed class HttpFunctionsTests(AppServer server, FunctionsHost functions) : IClassFixture<AppServer>, IClassFixture<FunctionsHost>
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

        var one = await Call(HttpMethods.Get, $"/api/workshops/{id}", new() { ["id"] = id }, (f, req) => f.GetWorkshop(req, id, server.Process.DurableClient));
        Assert.Equal((StatusCodes.Status200OK, "application/json"), (one.Status, one.MediaType));
        Assert.Equal((id, "InternalReview", seen.Title), (one.Json.GetProperty("id").GetString(), one.Json.GetProperty("stage").GetString(), one.Json.GetProperty("title").GetString()));

        var list = await Call(HttpMethods.Get, "/api/workshops?stage=InternalReview", [], (f, req) => f.ListWorkshops(req));
        Assert.Contains(list.Json.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        var badStage = await Call(HttpMethods.Get, "/api/workshops?stage=Nowhere", [], (f, req) => f.ListWorkshops(req));
        Assert.Equal(StatusCodes.Status400BadRequest, badStage.Status);
        Assert.True(badStage.Json.GetProperty("errors").TryGetProperty("stage", out _), badStage.ToString());

        var missing = await Call(HttpMethods.Get, "/api/workshops/ws-20270101-doesnotexist", new() { ["id"] = "ws-20270101-doesnotexist" },
            (f, req) => f.GetWorkshop(req, "ws-20270101-doesnotexist", server.Process.DurableClient));
        Assert.Equal((StatusCodes.Status404NotFound, "application/problem+json"), (missing.Status, missing.MediaType));
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
        var resubmitted = await Call(HttpMethods.Put, $"/api/workshops/{id}/proposal", new() { ["id"] = id },
            (f, req) => f.ResubmitProposal(req, id, server.Process.DurableClient), revised.ToJsonString());
        Assert.True(resubmitted.Status == StatusCodes.Status202Accepted, resubmitted.ToString());
        await ReferenceWorkshopTests.WaitFor(async () => await server.StatusAsync(id) is { Stage: Stage.InternalReview, Round: 1, Title: "International Migration Law (revised)" });

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

    async Task<string> SubmittedWorkshop()
    {
        var submitted = await Submit(AppServer.ReferenceProposal());
        Assert.True(submitted.Status == StatusCodes.Status202Accepted, submitted.ToString());
        var id = submitted.Json.GetProperty("id").GetString()!;
        await server.WaitForStageAsync(id, Stage.InternalReview);
        return id;
    }

    Task<FunctionResponse> Submit(JsonObject proposal, string? idempotencyKey = null)
    {
        var http = FunctionHttp.Request(functions.Services, HttpMethods.Post, "/api/workshops", [], proposal.ToJsonString(), "application/json",
            idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey });
        return FunctionHttp.RespondAsync(http, functions.Create<WorkshopFunctions>().SubmitWorkshop(http.Request, server.Process.DurableClient));
    }

    Task<FunctionResponse> Cancel(string id, JsonObject body) =>
        Call(HttpMethods.Post, $"/api/workshops/{id}/cancel", new() { ["id"] = id }, (f, req) => f.CancelWorkshop(req, id, server.Process.DurableClient), body.ToJsonString());

    Task<FunctionResponse> Call(
        string method, string path, RouteValueDictionary route, Func<WorkshopFunctions, HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> function, string? body = null)
    {
        var http = FunctionHttp.Request(functions.Services, method, path, route, body);
        return FunctionHttp.RespondAsync(http, function(functions.Create<WorkshopFunctions>(), http.Request));
    }

    /// <summary>The link the notification would carry in its mail (absolute, under Approvals:PublicBaseUrl).</summary>
    Uri LinkFor(NotificationKind kind, string id, string to, Role role, Stage stage, int round = 0, string? ministry = null)
    {
        var now = DateTimeOffset.UtcNow;
        var notification = new Notification(Guid.NewGuid().ToString("N"), kind, id, to, role, stage, round, now, now.AddDays(5), ministry);
        return functions.Services.GetRequiredService<LinkIssuer>().LinkFor(notification)!;
    }

    static string TokenOf(Uri link) => link.Segments[^1];

    static RouteValueDictionary Route(Uri link, string name) => new() { [name] = TokenOf(link) };

    Task<FunctionResponse> ShowDecision(Uri link)
    {
        var http = FunctionHttp.Request(functions.Services, HttpMethods.Get, link.PathAndQuery, Route(link, "token"));
        return FunctionHttp.RespondAsync(http, functions.Create<LinkFunctions>().ShowDecision(http.Request, TokenOf(link)));
    }

    Task<FunctionResponse> Decide(Uri link, params (string Name, string Value)[] fields)
    {
        var http = FunctionHttp.Form(functions.Services, link.PathAndQuery, Route(link, "token"), fields);
        return FunctionHttp.RespondAsync(http, functions.Create<LinkFunctions>().Decide(http.Request, TokenOf(link), server.Process.DurableClient));
    }

    Task<FunctionResponse> ShowNominations(Uri link)
    {
        var http = FunctionHttp.Request(functions.Services, HttpMethods.Get, link.PathAndQuery, Route(link, "token"));
        return FunctionHttp.RespondAsync(http, functions.Create<LinkFunctions>().ShowNominationForm(http.Request, TokenOf(link)));
    }

    Task<FunctionResponse> SubmitNominations(Uri link, HttpContext http) =>
        FunctionHttp.RespondAsync(http, functions.Create<LinkFunctions>().SubmitNominations(http.Request, TokenOf(link), server.Process.DurableClient));
}
