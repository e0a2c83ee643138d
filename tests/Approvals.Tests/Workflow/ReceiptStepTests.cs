using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

/// <summary>The receipt for an action through a link is sent by the workflow when it takes the action: so it is sent
/// for what was used and only for that, also when the request that raised the event died before it could send anything.</summary>
[Collection(nameof(WorkflowHarness))]
public sealed class ReceiptStepTests(WorkflowHarness harness)
{
    private const string Manager = "project.manager@iom.example.org";
    private static readonly LinkVisit Via = new(Manager, "203.0.113.9", "Mozilla/5.0 (Windows NT 10.0) Edge/130", null);

    [Fact]
    public async Task ADecisionTakenByTheWorkflowGetsOneReceiptWithTheClientItCameFrom()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        var decision = new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, null, "token", DateTimeOffset.UtcNow, Via);

        // The click's raise and the recovery job's raise of the same stored decision.
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded, decision);
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded, decision);
        await harness.WaitForStage(id, Stage.Nominations);

        var receipt = Assert.Single(harness.NotificationsOf(id), n => n.Kind == NotificationKind.Receipt);
        Assert.Equal((Manager, Role.ProjectManager, Stage.InternalReview), (receipt.To, receipt.Role, receipt.Stage));
        Assert.Equal(("203.0.113.9", "Mozilla/5.0 (Windows NT 10.0) Edge/130"), (receipt.Receipt?.ClientIp, receipt.Receipt?.Browser));
    }

    [Fact]
    public async Task ADecisionForARoundThatIsOverGetsNoReceipt()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);

        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 7, Manager, Decision.Approve, null, "stale", DateTimeOffset.UtcNow, Via));
        await harness.WaitForAction(id, AuditActions.IgnoredLateEvent);

        Assert.DoesNotContain(harness.NotificationsOf(id), n => n.Kind == NotificationKind.Receipt);
    }

    [Fact]
    public async Task AKeptSlateGetsAReceiptAndARefusedOneDoesNot()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        var focal = new LinkVisit("focal.mfa@mfa.example.cn", "198.51.100.4", "Firefox/133", null);

        await harness.Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(Builders.Slate("MFA", 2), "t1", $"kept-{id}", focal));
        await harness.Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted,
            new SlateSubmitted(Builders.Slate("MOE", 2, emailPrefix: "mfa"), "t2", $"refused-{id}", focal with { Recipient = "focal.moe@moe.example.cn" }));
        await harness.WaitForAction(id, AuditActions.SlateRefused);

        var receipt = Assert.Single(harness.NotificationsOf(id), n => n.Kind == NotificationKind.Receipt);
        Assert.Equal(("focal.mfa@mfa.example.cn", "MFA", 2), (receipt.To, receipt.Ministry, receipt.Receipt?.Nominees));
    }
}
