using System.Net;
using System.Net.Http.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>Staff who cancel the moment a workshop is accepted are answered 202 only for a cancellation the workflow
/// takes: before, an event raised to a just-scheduled orchestration could be discarded by the storage provider.</summary>
[Collection(SharedServer.Workshops)]
public sealed class CancelRightAfterSubmitTests(AppServer server)
{
    [Fact]
    public async Task ACancelSentTheMomentTheWorkshopIsAcceptedEndsItCancelled()
    {
        var submitted = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => server.SubmitAsync()));
        var cancels = await Task.WhenAll(submitted.Select(s =>
            server.Http.PostAsJsonAsync($"api/workshops/{s.Id}/cancel", new { reason = "Submitted by mistake" })));

        Assert.All(cancels, c => Assert.Equal(HttpStatusCode.Accepted, c.StatusCode));
        foreach (var (id, _) in submitted)
        {
            var status = await server.WaitForStageAsync(id, Stage.Cancelled);
            Assert.Contains(status.History, h => h.Action == AuditActions.Cancelled && h.Comment == "Submitted by mistake");
        }
    }
}
