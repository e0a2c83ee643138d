using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>The largest proposal the rules allow, in Chinese, goes through review and a resubmission; text that would
/// not fit where it is stored is refused at the edge, naming the field.</summary>
[Collection(SharedServer.Workshops)]
public sealed class StoredSizeTests(AppServer server)
{
    private const string Manager = "project.manager@iom.example.org";

    private static string Chinese(int length, int seed) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)(0x4E00 + ((seed * 7919 + i * 31) % 20000))));

    /// <summary>The reference workshop with every text field at its limit in Chinese.</summary>
    private static JsonObject LargestChinese(int seed)
    {
        var proposal = AppServer.ReferenceProposal();
        foreach (var (field, i) in new[] { "title", "titleZh", "venue", "organizer", "fundingInstrument" }.Select((f, i) => (f, i)))
        {
            proposal[field] = Chinese(200, seed + i);
        }

        proposal["summary"] = Chinese(4000, seed + 10);
        proposal["summaryZh"] = Chinese(4000, seed + 11);
        proposal["partners"] = new JsonArray(Enumerable.Range(0, 20).Select(i => (JsonNode)JsonValue.Create(Chinese(200, seed + 20 + i))!).ToArray());
        return proposal;
    }

    private Task Decide(string id, Decision decision, int round, string? comment = null) =>
        server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, round, Manager, decision, comment, null, DateTimeOffset.UtcNow));

    [Fact]
    public async Task TheLargestProposalInChineseIsReviewedResubmittedAndReachesNominations()
    {
        var (id, submitted) = await server.SubmitAsync(LargestChinese(1));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);

        await Decide(id, Decision.Changes, 0, "Shorter, please");
        await server.WaitForStageAsync(id, Stage.ChangesRequested);
        var revised = LargestChinese(2);
        var resubmitted = await server.Http.PutAsync($"api/workshops/{id}/proposal", new StringContent(revised.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.InternalReview, Round: 1 } s && s.Pending.Count > 0, seconds: 60);

        await Decide(id, Decision.Approve, 1);
        var nominations = await server.WaitForStageAsync(id, Stage.Nominations, seconds: 60);
        Assert.Equal(Chinese(200, 2), nominations.Title);
    }

    [Fact]
    public async Task ASummaryThatGrowsPastItsBudgetOnceStoredIsRefusedNamingTheField()
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["summary"] = string.Concat(Enumerable.Repeat("🌏", 1000));

        var (_, response) = await server.SubmitAsync(proposal);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = AppServer.Problem(await response.Content.ReadAsStringAsync()).GetProperty("errors");
        Assert.Contains("once stored", errors.GetProperty("summary")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFortyThousandCharacterCancelledByIsRefusedAndTheWorkshopGoesOn()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);

        var cancel = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new { reason = "Venue closed", cancelledBy = new string('x', 40_000) });

        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.True(AppServer.Problem(await cancel.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("cancelledBy", out _));
        await Task.Delay(1000);
        var status = await server.StatusAsync(id);
        Assert.Equal((Stage.InternalReview, "Running"), (status.Stage, status.RuntimeStatus));
    }

    [Fact]
    public async Task ADecisionCommentThatGrowsPastItsBudgetOnceStoredIsRefusedOnThePage()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var token = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager);

        var post = await server.Http.PostAsync($"api/decisions/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = "changes",
            ["comment"] = string.Concat(Enumerable.Repeat("🌏", 1000)),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var page = await post.Content.ReadAsStringAsync();
        Assert.Contains("longer than 2000 characters", page, StringComparison.Ordinal);
        Assert.Contains("意见超过2000字", page, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal(Stage.InternalReview, (await server.StatusAsync(id)).Stage);
    }
}
