using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;
using Azure.Data.Tables;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>Every timer a workflow makes is a queue message now and an episode of the workflow when it comes due, days
/// later, even when nothing waits for it any more. Ministries answering one after another do not each leave one.</summary>
[Collection(SharedServer.Workshops)]
public sealed class OneTimerPerWakeTests(AppServer server)
{
    [Fact]
    public async Task ThreeMinistriesAnsweringInARowLeaveTheNominationWindowOneTimer()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.Nominations, Pending.Count: 8 });
        // The window's timer is made in the episode after the step that shows the stage.
        var before = await Eventually.Until(() => TimersAsync(id), n => n >= 2, TimeSpan.FromSeconds(30),
            n => $"{n} timers: the review's and the nomination window's were expected");

        foreach (var ministry in new[] { "MOFCOM", "MCA", "MFA" })
        {
            var link = AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn");
            using var sent = await server.Http.PostAsync($"api/nominations/{link}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["nominees[0].name"] = $"Official of {ministry}",
                ["nominees[0].nameZh"] = "官员",
                ["nominees[0].position"] = "Division Director",
                ["nominees[0].sex"] = "female",
                ["nominees[0].email"] = $"official@{ministry.ToLowerInvariant()}.example.cn",
            }));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var status = await Eventually.Until(() => server.StatusAsync(id), s => s.Pending.Count == 5, TimeSpan.FromSeconds(30));
        Assert.Equal(3, status.Nominations.Total);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the episode after the last step, where a new timer would be made
        // Runs started before made a new one after each answer (measured: 2 → 4 here).
        Assert.Equal(before, await TimersAsync(id));
    }

    private async Task<int> TimersAsync(string id)
    {
        var history = new TableClient(TestAzurite.ConnectionString, $"{server.Process.TaskHub}History");
        var n = 0;
        await foreach (var _ in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and EventType eq {"TimerCreated"}"), select: ["RowKey"])) n++;
        return n;
    }
}
