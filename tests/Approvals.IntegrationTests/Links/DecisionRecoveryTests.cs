using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Links;

[Collection(SharedServer.Links)]
public sealed class DecisionRecoveryTests(AppServer server)
{
    [Fact]
    public async Task ADecisionStoredByAProcessThatDiedBeforeRaisingItStillMovesTheWorkflow()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await using var services = LibraryServices.Build();
        // What a crash right after the conditional insert leaves behind: the decision, not yet raised.
        await services.GetRequiredService<DecisionStore>().TryRecordAsync(new StoredDecision(id, Stage.InternalReview, 0,
            "project.manager@iom.example.org", Decision.Approve, null, "token-id", DateTimeOffset.UtcNow.AddMinutes(-1), Raised: false));

        var raised = await services.GetRequiredService<DecisionRecovery>().RunOnceAsync(server.Process.DurableClient);

        Assert.True(raised >= 1);
        await server.WaitForStageAsync(id, Stage.Nominations);
        var stored = await services.GetRequiredService<DecisionStore>().GetAsync(id, Stage.InternalReview, 0);
        Assert.True(stored!.Raised);
    }
}
