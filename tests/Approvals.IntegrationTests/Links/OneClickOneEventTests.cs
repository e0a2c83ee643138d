using System.Net;
using System.Net.Http.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

/// <summary>Fifty presses of one decision link raise the workflow's event once: the workshop goes on to the donor, the
/// donor's wait finds nothing stray, and the Durable history holds one DecisionRecorded.</summary>
[Collection(SharedServer.Links)]
public sealed class OneClickOneEventTests(AppServer server)
{
    private const string Manager = "project.manager@iom.example.org";

    [Fact]
    public async Task FiftyConcurrentPostsOfOneDecisionLinkRaiseOneEventAndTheWorkshopReachesTheDonor()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var token = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => server.Http.PostAsync($"api/decisions/{token}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = string.Empty }))));
        var pages = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        await server.WaitForStageAsync(id, Stage.Nominations);
        await CloseNominations(server, id);
        await server.WaitForStageAsync(id, Stage.DonorSignOff);
        await Task.Delay(1500); // time for stray events, if any were raised, to reach the donor's wait

        // Past the link's burst the rate limit answers 429; every press it let through saw the one decision.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var answered = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(pages, p => p.Contains("your decision is recorded", StringComparison.Ordinal));
        Assert.Equal(answered - 1, pages.Count(p => p.Contains("already recorded", StringComparison.Ordinal)));
        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.DonorSignOff, status.Stage);
        Assert.Single(status.History, h => h.Action.StartsWith("Decision", StringComparison.Ordinal));
        Assert.DoesNotContain(status.History, h => h.Action == AuditActions.IgnoredLateEvent);
        Assert.Equal(["programme.manager@eeas.example.eu"], status.Pending.Select(p => p.Party));
        Assert.Equal(1, await RaisedEvents(server, id, WorkflowEvents.DecisionRecorded));
    }

    /// <summary>Every ministry answers through its link: one slate, the others decline; the window then closes.</summary>
    internal static async Task CloseNominations(AppServer server, string id)
    {
        var sent = await server.Http.PostAsJsonAsync(NominationLink(id, "SAFEA"), new
        {
            nominees = new[] { new { name = "Zhao Min", nameZh = "赵敏", position = "Director", sex = "female", email = $"zhao.min.{id}@safea.example.cn" } },
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        foreach (var ministry in new[] { "MFA", "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "NHFPC" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await server.Http.PostAsJsonAsync(NominationLink(id, ministry), new { decline = true })).StatusCode);
        }
    }

    internal static string NominationLink(string id, string ministry) =>
        $"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn")}";

    /// <summary>How many times <paramref name="eventName"/> reached the instance, read from the task hub's own history.</summary>
    internal static Task<int> RaisedEvents(AppServer server, string id, string eventName) =>
        TaskHubHistory.CountAsync(server, id, "EventRaised", eventName);
}
