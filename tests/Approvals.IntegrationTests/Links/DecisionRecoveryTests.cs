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

    [Fact]
    public async Task AfterACrashRightAfterTheInsertTheClickStillGetsItsAuditLineAndItsReceipt()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await using var services = LibraryServices.Build();
        const string manager = "project.manager@iom.example.org";
        var browser = $"CrashCheck/1.0 {Guid.NewGuid():N}";
        // The row as the page stores it, with the click's client; the request died before writing anything else.
        await services.GetRequiredService<DecisionStore>().TryRecordAsync(new StoredDecision(id, Stage.InternalReview, 0, manager, Decision.Approve,
            null, "token-id", DateTimeOffset.UtcNow.AddMinutes(-1), Raised: false, new LinkVisit(manager, "198.51.100.23", browser, null)));

        await services.GetRequiredService<DecisionRecovery>().RunOnceAsync(server.Process.DurableClient);

        await server.WaitForStageAsync(id, Stage.Nominations);
        var receipt = await Eventually.Until(async () => (await server.MailsAsync(id)).Where(m => m.Kind == Notifications.NotificationKind.Receipt).ToList(),
            found => found.Count > 0, TimeSpan.FromSeconds(30));
        Assert.Equal(manager, Assert.Single(receipt).To);
        Assert.Contains("198.51.100.23", receipt[0].Text, StringComparison.Ordinal);
        Assert.Contains(browser, receipt[0].Text, StringComparison.Ordinal);
        var audit = await services.GetRequiredService<AuditLog>().ListAsync(id);
        Assert.Contains(audit, e => e.Action == AuditActions.DecisionVia(Decision.Approve) && e.ClientIp == "198.51.100.23" && e.UserAgent == browser);
    }

    [Fact]
    public async Task ADecisionTheWorkflowAlreadyTookIsMarkedAndAuditedNotRaisedAgain()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await using var services = LibraryServices.Build();
        // What a crash right after raising leaves behind: the event taken, the row not yet marked and, since the page
        // writes the click's audit line after the raise, no line. The row is stored once the workflow has moved on, so
        // the server's own recovery job (every 30 s) cannot raise it meanwhile.
        const string manager = "project.manager@iom.example.org";
        var browser = $"RaisedCheck/1.0 {Guid.NewGuid():N}";
        var decision = new StoredDecision(id, Stage.InternalReview, 0, manager, Decision.Approve, null, "token-id",
            DateTimeOffset.UtcNow.AddMinutes(-1), Raised: false, new LinkVisit(manager, "198.51.100.24", browser, null));
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(decision.Stage, decision.Round, decision.Approver, decision.Decision, null, decision.TokenId, decision.At));
        await server.WaitForStageAsync(id, Stage.Nominations);
        await services.GetRequiredService<DecisionStore>().TryRecordAsync(decision);
        Assert.True(await server.Process.DurableClient.HasAnsweredAsync(id, DecisionRecorded.ReceiptOf(Stage.InternalReview, 0)));

        // The job runs while storage still shows the review (as just before the workflow's step is written).
        await using (await LateAnswersAreNotConfirmedTests.StoredStageHeldAt(id, Stage.InternalReview, restore: Stage.Nominations))
        {
            await services.GetRequiredService<DecisionRecovery>().RunOnceAsync(server.Process.DurableClient);
        }

        Assert.True((await services.GetRequiredService<DecisionStore>().GetAsync(id, Stage.InternalReview, 0))!.Raised);
        var audit = await services.GetRequiredService<AuditLog>().ListAsync(id);
        Assert.Single(audit, e => e.Action == AuditActions.DecisionVia(Decision.Approve) && e.UserAgent == browser);
        await Task.Delay(1000);
        Assert.Equal(1, await OneClickOneEventTests.RaisedEvents(server, id, WorkflowEvents.DecisionRecorded));
    }

    [Fact]
    public async Task ADecisionForAStepTheWorkshopIsNotAtIsLeftAlone()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await using var services = LibraryServices.Build();
        // Unraised, old enough, but for the donor's step while the workshop is still in review.
        await services.GetRequiredService<DecisionStore>().TryRecordAsync(new StoredDecision(id, Stage.DonorSignOff, 0,
            "programme.manager@eeas.example.eu", Decision.Approve, null, "token-id", DateTimeOffset.UtcNow.AddMinutes(-1), Raised: false));

        await services.GetRequiredService<DecisionRecovery>().RunOnceAsync(server.Process.DurableClient);

        await Task.Delay(1000);
        Assert.Equal(0, await OneClickOneEventTests.RaisedEvents(server, id, WorkflowEvents.DecisionRecorded));
        Assert.False((await services.GetRequiredService<DecisionStore>().GetAsync(id, Stage.DonorSignOff, 0))!.Raised);
        Assert.Equal(Stage.InternalReview, (await server.StatusAsync(id)).Stage);
    }
}
