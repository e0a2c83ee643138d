using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
        // Straight through HTTP: AppServer.SubmitAsync would wait for the workflow to start, which is the point here.
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var accepted = await server.Http.PostAsJsonAsync("api/workshops", AppServer.ReferenceProposal());
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var id = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var cancel = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new { reason = "Submitted by mistake" });
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            return id;
        }));

        foreach (var id in ids)
        {
            var status = await server.WaitForStageAsync(id, Stage.Cancelled);
            Assert.Contains(status.History, h => h.Action == AuditActions.Cancelled && h.Comment == "Submitted by mistake");
        }
    }
}
