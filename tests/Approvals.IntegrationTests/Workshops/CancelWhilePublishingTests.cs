using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>A cancel that reaches a workshop once its publication began is refused with 409, never answered 202 and
/// then ignored. Provoked by holding the stored stage at DonorSignOff, as it is while the announcement is written.</summary>
[Collection(SharedServer.Workshops)]
public sealed class CancelWhilePublishingTests(AppServer server)
{
    [Fact]
    public async Task ACancelSentWhileTheStoredStageStillShowsTheDonorIsRefusedAndTheWorkshopStaysPublished()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.Nominations);
        await OneClickOneEventTests.CloseNominations(server, id);
        await server.WaitForStageAsync(id, Stage.DonorSignOff);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.DonorSignOff, 0, "programme.manager@eeas.example.eu", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.Published);

        await using (await LateAnswersAreNotConfirmedTests.StoredStageHeldAt(id, Stage.DonorSignOff, restore: Stage.Published))
        {
            var cancel = await server.Http.PostAsync($"api/workshops/{id}/cancel", LateAnswersAreNotConfirmedTests.Json("""{"reason":"Trainer ill"}"""));

            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
            Assert.Contains("Published", await cancel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.Published, status.Stage);
        Assert.DoesNotContain(status.History, h => h.Action == AuditActions.Cancelled);
    }
}
