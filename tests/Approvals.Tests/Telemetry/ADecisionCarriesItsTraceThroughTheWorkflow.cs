using System.Text.Json;
using Approvals.Notifications;
using Approvals.Tests.Workflow;
using Approvals.Workflow;

namespace Approvals.Tests.Telemetry;

/// <summary>Durable Task does not carry the click's trace across the event, so the workflow hands the traceparent the
/// event brought to the activities it runs for that click (and to nothing it runs later, on a timer).</summary>
[Collection(nameof(WorkflowHarness))]
public sealed class ADecisionCarriesItsTraceThroughTheWorkflow(WorkflowHarness harness)
{
    private const string Manager = "project.manager@iom.example.org";
    private const string ClickTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public async Task TheStepsAndMailsOfTheClickCarryItsTraceparentAndItsTime()
    {
        var id = await harness.StartAsync();
        await harness.WaitForAction(id, AuditActions.Submitted);
        var clickedAt = DateTimeOffset.UtcNow.AddSeconds(-3);
        var via = new LinkVisit(Manager, "203.0.113.9", "Firefox/133", null) { TraceParent = ClickTrace };

        await harness.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, null, "token", clickedAt, via));
        await harness.WaitForStage(id, Stage.Nominations);
        await Eventually.WaitFor(() => Task.FromResult(harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.NominationRequest)));

        var before = harness.ProgressOf(id).Single(p => p.Entry.Action == AuditActions.Submitted);
        var next = harness.ProgressOf(id).First(p => p.Stage == Stage.Nominations);
        Assert.Null(before.Origin);
        Assert.Equal(new StepOrigin(ClickTrace, clickedAt), next.Origin);
        var mails = harness.NotificationsOf(id);
        Assert.All(mails.Where(n => n.Kind is NotificationKind.Receipt or NotificationKind.NominationRequest), n => Assert.Equal(ClickTrace, n.TraceParent));
        Assert.All(mails.Where(n => n.Kind == NotificationKind.ReviewRequest), n => Assert.Null(n.TraceParent));
    }

    [Fact]
    public void EventsAndMailsQueuedBeforeTracesWereCarriedStillRead()
    {
        var decision = JsonSerializer.Deserialize<DecisionRecorded>(
            """{"stage":"InternalReview","round":0,"approver":"a@b.org","decision":"Approve","comment":null,"tokenId":"t","at":"2026-01-01T00:00:00+00:00","via":{"recipient":"a@b.org","clientIp":null,"userAgent":null,"forwardedFor":null}}""",
            Json.Options)!;
        var notification = NotificationHandler.Parse(
            """{"id":"n1","kind":"ReviewRequest","workshopId":"w1","to":"a@b.org","role":"ProjectManager","stage":"InternalReview","round":0,"createdAt":"2026-01-01T00:00:00+00:00"}""");

        Assert.Null(decision.Via!.TraceParent);
        Assert.Null(StepOrigin.Of(decision)!.TraceParent);
        Assert.Null(notification.TraceParent);
    }
}
