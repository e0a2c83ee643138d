using System.Diagnostics;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Workflow;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Benchmarks;

/// <summary>Benchmark (prints numbers, asserts only behaviour): how long after a decision event is raised does a
/// manager see the next stage in <c>GET /api/workshops/{id}</c>, on the real server over Azurite.</summary>
[Collection(SharedServer.Workshops)]
[Trait("Category", "Benchmark")]
public sealed class EventToStageLatency(AppServer server, ITestOutputHelper output)
{
    private const int Workshops = 15;

    [BenchmarkFact]
    public async Task ReviewApprovalToNominationsVisibleInStatus()
    {
        var ids = new List<string>();
        for (var i = 0; i < Workshops; i++) ids.Add((await server.SubmitAsync()).Id);
        foreach (var id in ids) await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await Task.Delay(2000); // let the pollers go idle, as they are between real clicks

        var samples = new List<double>();
        foreach (var id in ids)
        {
            var watch = Stopwatch.StartNew();
            await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
                new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
            await server.WaitForStageAsync(id, Stage.Nominations);
            samples.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(500);
        }

        samples.Sort();
        output.WriteLine($"event raised → next stage in GET /api/workshops/{{id}} (n={samples.Count}, host.json maxQueuePollingInterval 5 s): " +
            $"median {samples[samples.Count / 2]:F0} ms, p90 {samples[(int)(samples.Count * 0.9)]:F0} ms, min {samples[0]:F0} ms, max {samples[^1]:F0} ms");
        Assert.Equal(Workshops, samples.Count);
    }
}
