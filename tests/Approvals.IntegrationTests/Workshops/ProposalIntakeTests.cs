using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Storage;

namespace Approvals.IntegrationTests.Workshops;

[Collection(SharedServer.Alone)]
public sealed class ProposalIntakeTests(AppServer server)
{
    private async Task<int> StoredWorkshops()
    {
        var total = 0;
        string? token = null;
        do
        {
            var page = (await server.Http.GetFromJsonAsync<WorkshopPage>($"api/workshops{(token is null ? "" : $"?continuationToken={Uri.EscapeDataString(token)}")}", Json.Options))!;
            total += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return total;
    }

    private async Task<HttpResponseMessage> Post(string body, string contentType = "application/json") =>
        await server.Http.PostAsync("api/workshops", new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task AnInvalidProposalGetsEveryFieldErrorAndNothingIsStored()
    {
        var before = await StoredWorkshops();
        var proposal = AppServer.ReferenceProposal();
        proposal["title"] = "Law";
        proposal["endDate"] = "2027-03-01";
        proposal["capacity"] = "many";
        proposal["invitations"]![0]!["ministry"] = "NOPE";

        var response = await Post(proposal.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = AppServer.Problem(await response.Content.ReadAsStringAsync()).GetProperty("errors");
        foreach (var field in new[] { "title", "endDate", "capacity", "invitations[0].ministry" })
        {
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, $"no error for {field}: {errors}");
        }

        Assert.Equal(before, await StoredWorkshops());
    }

    [Theory]
    [InlineData("{\"title\": ", "application/json", HttpStatusCode.BadRequest, "$")]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "$")]
    [InlineData("title=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest, "$")]
    public async Task MalformedBodiesGetAClearProblemNeverA500(string body, string contentType, HttpStatusCode status, string field)
    {
        var response = await Post(body, contentType);

        Assert.Equal(status, response.StatusCode);
        var problem = AppServer.Problem(await response.Content.ReadAsStringAsync());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ABodyOver256KbIsRefused()
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["summary"] = new string('x', 300 * 1024);

        var response = await Post(proposal.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task WithoutAKeyNothingIsServed()
    {
        using var anonymous = new HttpClient { BaseAddress = server.Process.BaseAddress };

        var submit = await anonymous.PostAsync("api/workshops", new StringContent(AppServer.ReferenceProposal().ToJsonString(), Encoding.UTF8, "application/json"));
        var list = await anonymous.GetAsync("api/workshops");
        var wrong = await anonymous.GetAsync("api/workshops?code=wrong-key-123");
        var byQuery = await anonymous.GetAsync($"api/workshops?code={AppServer.ApiKey}");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            [submit.StatusCode, list.StatusCode, wrong.StatusCode, byQuery.StatusCode]);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyReturnsTheSameWorkshopEvenUnderConcurrentRetries()
    {
        var key = Guid.NewGuid().ToString();
        var before = await StoredWorkshops();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => server.SubmitAsync(idempotencyKey: key)));
        var again = await server.SubmitAsync(idempotencyKey: key);

        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.Accepted, a.Response.StatusCode));
        Assert.Single(attempts.Select(a => a.Id).Append(again.Id).Distinct());
        Assert.Equal(before + 1, await StoredWorkshops());
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedWithADifferentBodyIsRefused()
    {
        var key = Guid.NewGuid().ToString();
        await server.SubmitAsync(idempotencyKey: key);
        var changed = AppServer.ReferenceProposal();
        changed["venue"] = "Shanghai";

        var (_, response) = await server.SubmitAsync(changed, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownWorkshopIs404ProblemJson()
    {
        var response = await server.Http.GetAsync("api/workshops/ws-20270101-doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheListIsNewestFirstAndFiltersByStage()
    {
        var (first, _) = await server.SubmitAsync();
        var (second, _) = await server.SubmitAsync();

        var all = (await server.Http.GetFromJsonAsync<WorkshopPage>("api/workshops", Json.Options))!;
        var inReview = (await server.Http.GetFromJsonAsync<WorkshopPage>("api/workshops?stage=InternalReview", Json.Options))!;
        var published = (await server.Http.GetFromJsonAsync<WorkshopPage>("api/workshops?stage=Published", Json.Options))!;
        var bad = await server.Http.GetAsync("api/workshops?stage=Nowhere");

        Assert.True(all.Items.ToList().FindIndex(w => w.Id == second) < all.Items.ToList().FindIndex(w => w.Id == first));
        Assert.Contains(inReview.Items, w => w.Id == first);
        Assert.DoesNotContain(published.Items, w => w.Id == first);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task CancellingThroughTheApiEndsTheWorkshopAndASecondCancelIsAConflict()
    {
        var (id, _) = await server.SubmitAsync();
        await server.WaitForStageAsync(id, Workflow.Stage.InternalReview);
        var noReason = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var cancel = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new { reason = "Venue closed", cancelledBy = "project.officer@iom.example.org" });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var cancelled = await server.WaitForStageAsync(id, Workflow.Stage.Cancelled);

        Assert.Contains(cancelled.History, h => h.Action == "Cancelled" && h.Comment == "Venue closed");
        var again = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ResubmittingIsOnlyPossibleWhenChangesWereRequested()
    {
        var (id, _) = await server.SubmitAsync();
        var early = await server.Http.PutAsync($"api/workshops/{id}/proposal", new StringContent(AppServer.ReferenceProposal().ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await server.Process.DurableClient.RaiseEventAsync(id, Workflow.WorkflowEvents.DecisionRecorded,
            new Workflow.DecisionRecorded(Workflow.Stage.InternalReview, 0, "project.manager@iom.example.org", Workflow.Decision.Changes, "Shorter agenda", null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Workflow.Stage.ChangesRequested);
        var revised = AppServer.ReferenceProposal();
        revised["title"] = "International Migration Law (revised)";
        var resubmit = await server.Http.PutAsync($"api/workshops/{id}/proposal", new StringContent(revised.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, resubmit.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Workflow.Stage.InternalReview, Round: 1 });
        Assert.Equal("International Migration Law (revised)", (await server.StatusAsync(id)).Title);
    }

    [Fact]
    public async Task AfterTheDonorAsksForChangesInvitationsCannotChangeButTheRestCan()
    {
        var (id, _) = await server.SubmitAsync();
        var client = server.Process.DurableClient;
        await client.RaiseEventAsync(id, Workflow.WorkflowEvents.DecisionRecorded,
            new Workflow.DecisionRecorded(Workflow.Stage.InternalReview, 0, "project.manager@iom.example.org", Workflow.Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Workflow.Stage.Nominations);
        await client.RaiseEventAsync(id, Workflow.WorkflowEvents.SlateSubmitted, new Workflow.SlateSubmitted(new Nominations.Slate("MFA",
            [new Nominations.Nominee("Tian Lin", "田林", "Counsellor", Nominations.Sex.Male, "tian.lin@mfa.example.cn")], false, "focal.mfa@gov.example.cn", DateTimeOffset.UtcNow), null));
        foreach (var ministry in new[] { "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "SAFEA", "NHFPC" })
        {
            await client.RaiseEventAsync(id, Workflow.WorkflowEvents.SlateSubmitted, new Workflow.SlateSubmitted(
                new Nominations.Slate(ministry, [], true, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", DateTimeOffset.UtcNow), null));
        }

        await server.WaitForStageAsync(id, Workflow.Stage.DonorSignOff);
        await client.RaiseEventAsync(id, Workflow.WorkflowEvents.DecisionRecorded,
            new Workflow.DecisionRecorded(Workflow.Stage.DonorSignOff, 0, "programme.manager@eeas.example.eu", Workflow.Decision.Changes, "Clarify the agenda", null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Workflow.Stage.ChangesRequested);

        var changedQuota = AppServer.ReferenceProposal();
        changedQuota["invitations"]![0]!["quota"] = 2;
        var refused = await server.Http.PutAsync($"api/workshops/{id}/proposal", new StringContent(changedQuota.ToJsonString(), Encoding.UTF8, "application/json"));
        var clarified = AppServer.ReferenceProposal();
        clarified["summary"] = "Agenda clarified: day one on legal instruments, day two on practice.";
        var accepted = await server.Http.PutAsync($"api/workshops/{id}/proposal", new StringContent(clarified.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.True(AppServer.Problem(await refused.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("invitations", out _));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Workflow.Stage.DonorSignOff, Round: 1 });
        Assert.Equal(1, (await server.StatusAsync(id)).Nominations.Total);
    }
}
