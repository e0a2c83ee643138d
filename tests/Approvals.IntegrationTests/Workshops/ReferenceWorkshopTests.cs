using System.Diagnostics;
using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Workflow;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Workshops;

[Collection(SharedServer.Workshops)]
public sealed class ReferenceWorkshopTests(AppServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task TheReferenceWorkshopMovesThroughEveryStageToPublishedAndEachStageReadsBack()
    {
        var (id, response) = await server.SubmitAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/workshops/{id}", response.Headers.Location?.OriginalString);
        var review = await server.WaitForStageAsync(id, Stage.InternalReview);
        Assert.Equal("International Migration Law and International Standards", review.Title);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        review = await server.StatusAsync(id);
        Assert.Equal("Running", review.RuntimeStatus);
        Assert.Equal(("ProjectManager", "project.manager@iom.example.org"), (review.Pending[0].Role, review.Pending[0].Party));
        Assert.True(review.Pending[0].DueAt > DateTimeOffset.UtcNow.AddDays(4), "the review is due in five days");

        var client = server.Process.DurableClient;
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        await client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, "Go ahead", null, DateTimeOffset.UtcNow));
        var nominations = await server.WaitForStageAsync(id, Stage.Nominations);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        Assert.Equal(8, nominations.Pending.Count);
        Assert.All(nominations.Pending, p => Assert.Equal("FocalPoint", p.Role));

        foreach (var invitation in AppServer.ReferenceProposal()["invitations"]!.AsArray())
        {
            var ministry = invitation!["ministry"]!.GetValue<string>();
            var quota = invitation["quota"]!.GetValue<int>();
            var slate = new Slate(ministry,
                Enumerable.Range(1, quota).Select(i => new Nominee($"Official {i}", $"官员{i}", "Director", i % 3 == 0 ? Sex.Male : Sex.Female, $"{ministry.ToLowerInvariant()}.{i}@gov.example.cn")).ToList(),
                false, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", DateTimeOffset.UtcNow);
            watch.Restart();
            await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(slate, null));
        }

        var donor = await server.WaitForStageAsync(id, Stage.DonorSignOff);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        Assert.Equal(51, donor.Nominations.Total);
        Assert.Equal(10, donor.Nominations.ByMinistry["MFA"]);
        Assert.Equal(51, donor.Nominations.BySex.Values.Sum());
        Assert.Equal(["programme.manager@eeas.example.eu"], donor.Pending.Select(p => p.Party));

        watch.Restart();
        await client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.DonorSignOff, 0, "programme.manager@eeas.example.eu", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        var published = await server.WaitForStageAsync(id, Stage.Published);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).RuntimeStatus == "Completed");

        published = await server.StatusAsync(id);
        Assert.Empty(published.Pending);
        Assert.Equal(
            [Stage.InternalReview, Stage.Nominations, Stage.DonorSignOff, Stage.Published],
            published.History.Select(h => h.Stage).Distinct());
        Assert.Contains(published.History, h => h.Action == AuditActions.Approved && h.Actor == "project.manager@iom.example.org" && h.Comment == "Go ahead");
        output.WriteLine($"event raised → stage visible in GET /api/workshops/{{id}}: review→nominations {latencies[0]:F0} ms, last slate→donor {latencies[1]:F0} ms, donor→published {latencies[2]:F0} ms");
    }
}
