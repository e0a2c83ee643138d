using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Approvals.IntegrationTests.Links;

/// <summary>A page reads the stored snapshot, which the workflow writes just after it moves: in between, a link still
/// looks open. The page now says "received" only for what the workflow answered it keeps. Each race is provoked by
/// holding the stored stage where it was (as in that moment) while the workflow has already moved on.</summary>
[Collection(SharedServer.Links)]
public sealed class LateAnswersAreNotConfirmedTests(AppServer server)
{
    [Fact]
    public async Task ASlateSentAfterNominationsClosedButBeforeTheStoredStageChangedIsNotReceived()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.Nominations);
        await OneClickOneEventTests.CloseNominations(server, id);
        await server.WaitForStageAsync(id, Stage.DonorSignOff);

        await using (await StoredStageHeldAt(id, Stage.Nominations, restore: Stage.DonorSignOff))
        {
            var late = await server.Http.PostAsync(OneClickOneEventTests.NominationLink(id, "MFA"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["nominees[0].name"] = "Tian Lin",
                ["nominees[0].position"] = "Counsellor",
                ["nominees[0].sex"] = "male",
                ["nominees[0].email"] = $"tian.lin.{id}@mfa.example.cn",
            }));

            var page = await late.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
            Assert.Contains("closed before your list arrived", page, StringComparison.Ordinal);
            Assert.DoesNotContain("received", page, StringComparison.Ordinal);
        }

        var status = await server.StatusAsync(id);
        Assert.Equal((Stage.DonorSignOff, 1), (status.Stage, status.Nominations.Total));
    }

    [Fact]
    public async Task ADecisionSentAfterTheWorkshopWasCancelledButBeforeTheStoredStageChangedIsNotRecorded()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var cancel = await server.Http.PostAsync($"api/workshops/{id}/cancel", Json("""{"reason":"Venue closed"}"""));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await server.WaitForStageAsync(id, Stage.Cancelled);

        await using (await StoredStageHeldAt(id, Stage.InternalReview, restore: Stage.Cancelled))
        {
            var token = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, "project.manager@iom.example.org");
            var late = await server.Http.PostAsync($"api/decisions/{token}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = string.Empty }));

            var page = await late.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("Your decision was not used", page, StringComparison.Ordinal);
            Assert.Contains("您的决定未被采用", page, StringComparison.Ordinal);
            Assert.DoesNotContain("decision is recorded", page, StringComparison.Ordinal);
        }

        Assert.Equal(Stage.Cancelled, (await server.StatusAsync(id)).Stage);
    }

    internal static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Puts the stored snapshot back at <paramref name="stage"/>, as it is in the moment before the workflow's
    /// step is written, and writes <paramref name="restore"/> when disposed.</summary>
    internal static async Task<IAsyncDisposable> StoredStageHeldAt(string id, Stage stage, Stage restore)
    {
        var workshops = new TableClient(TestAzurite.ConnectionString, "Workshops");
        await workshops.UpdateEntityAsync(new TableEntity(id, "workshop") { ["Stage"] = stage.ToString() }, ETag.All, TableUpdateMode.Merge);
        return new Restore(() => workshops.UpdateEntityAsync(new TableEntity(id, "workshop") { ["Stage"] = restore.ToString() }, ETag.All, TableUpdateMode.Merge));
    }

    private sealed class Restore(Func<Task<Response>> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
