using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

[Collection(nameof(WorkflowHarness))]
public sealed class DeadlineTests(WorkflowHarness harness)
{
    [Fact]
    public async Task ReviewTimeoutRemindsThenEscalatesThenExpires()
    {
        var timing = Builders.Slow() with
        {
            // Reminders fall due every 2 s of an 8 s review: a timer that fires seconds late on a loaded machine still
            // finds time before the deadline (one due at 2 s of a 4 s review fired after the deadline in CI, and a
            // reminder after the deadline is rightly not sent).
            ReviewTimeout = TimeSpan.FromSeconds(8),
            ReminderInterval = TimeSpan.FromSeconds(2),
            EscalationGrace = TimeSpan.FromSeconds(2),
        };
        var id = await harness.StartAsync(timing);

        var outcome = await harness.WaitForOutcome(id, seconds: 60);

        Assert.Equal(Stage.Expired, outcome.Stage);
        var actions = harness.ProgressOf(id).Select(p => p.Entry.Action).ToList();
        var reminder = actions.IndexOf(AuditActions.ReminderSent);
        var escalation = actions.IndexOf(AuditActions.Escalated);
        Assert.True(reminder >= 0 && escalation > reminder && actions[^1] == AuditActions.Expired, string.Join(" → ", actions));
        var sent = harness.NotificationsOf(id);
        Assert.Contains(sent, n => n.Kind == NotificationKind.Reminder && n.To == "project.manager@iom.example.org");
        Assert.Contains(sent, n => n.Kind == NotificationKind.Escalation && n.To == "liaison.office@iom.example.org");
    }

    [Fact]
    public async Task ADecisionDuringTheEscalationGraceStillCounts()
    {
        var timing = Builders.Slow() with
        {
            ReviewTimeout = TimeSpan.FromSeconds(2),
            ReminderInterval = TimeSpan.FromSeconds(5),
            EscalationGrace = TimeSpan.FromSeconds(30),
        };
        var id = await harness.StartAsync(timing);
        await harness.WaitForAction(id, AuditActions.Escalated, seconds: 20);

        await harness.Decide(id, Stage.InternalReview, Decision.Approve);

        await harness.WaitForStage(id, Stage.Nominations);
    }
}
