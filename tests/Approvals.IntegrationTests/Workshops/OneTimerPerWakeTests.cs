using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Workflow;

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
            using var sent = await server.NominateOneAsync(id, ministry);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var status = await Eventually.Until(() => server.StatusAsync(id), s => s.Pending.Count == 5, TimeSpan.FromSeconds(30));
        Assert.Equal(3, status.Nominations.Total);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the episode after the last step, where a new timer would be made
        // Runs started before made a new one after each answer (measured: 2 → 4 here).
        Assert.Equal(before, await TimersAsync(id));
    }

    private Task<int> TimersAsync(string id) => TaskHubHistory.CountAsync(server, id, "TimerCreated");
}
