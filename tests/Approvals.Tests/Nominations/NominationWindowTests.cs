using Approvals.Notifications;
using Approvals.Tests.Workflow;
using Approvals.Workflow;

namespace Approvals.Tests.Nominations;

[Collection(nameof(WorkflowHarness))]
public sealed class NominationWindowTests(WorkflowHarness harness)
{
    // Reminders every 2 s in an 8 s window: on a loaded machine a timer fires late, and the workflow rightly sends no
    // reminder once the window has closed (4 s left room for one reminder only, which a busy run missed).
    private static Timing ShortWindow() => Builders.Slow() with
    {
        NominationWindow = TimeSpan.FromSeconds(8),
        ReminderInterval = TimeSpan.FromSeconds(2),
    };

    private async Task<string> InNominations(Timing? timing = null)
    {
        var id = await harness.StartAsync(timing);
        await harness.Decide(id, Stage.InternalReview, Decision.Approve);
        await harness.WaitForStage(id, Stage.Nominations);
        return id;
    }

    [Fact]
    public async Task OneMinistryLateIsRemindedAndTheWindowClosesWithoutIt()
    {
        var id = await InNominations(ShortWindow());
        foreach (var invitation in Builders.Proposal().Invitations.Where(i => i.Ministry != "NHFPC"))
        {
            await harness.SendSlate(id, Builders.Slate(invitation.Ministry, invitation.Quota));
        }

        var donor = await harness.WaitForStage(id, Stage.DonorSignOff, seconds: 30);

        var reminders = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.Reminder && n.Stage == Stage.Nominations).ToList();
        Assert.NotEmpty(reminders);
        Assert.All(reminders, r => Assert.Equal(("focal.nhfpc@gov.example.cn", "NHFPC"), (r.To, r.Ministry)));
        Assert.Contains("46 nominee(s)", donor.Entry.Comment, StringComparison.Ordinal);
        Assert.Contains("no answer from NHFPC", donor.Entry.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersFromOtherMinistriesDoNotPostponeTheRemindersOfTheSilentOnes()
    {
        var id = await InNominations(Builders.Slow() with
        {
            NominationWindow = TimeSpan.FromSeconds(8),
            ReminderInterval = TimeSpan.FromSeconds(3),
        });

        // A slate every second: each one used to restart the reminder clock, so the window closed before any
        // reminder went out (the last slate at ~4 s pushed the next wake-up to ~7 s, too close to the 8 s deadline).
        foreach (var ministry in new[] { "MFA", "PFAO", "MOFCOM", "MOHRSS", "MCA" })
        {
            await harness.SendSlate(id, Builders.Slate(ministry, 1));
            await Task.Delay(1000);
        }

        await LifecycleTests.Until(() => harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.Reminder), seconds: 8);
        var reminded = harness.NotificationsOf(id).Where(n => n.Kind == NotificationKind.Reminder).Select(n => n.Ministry).ToHashSet();
        Assert.Superset(new HashSet<string?> { "MOE", "SAFEA", "NHFPC" }, reminded);
        Assert.DoesNotContain("MFA", reminded);
    }

    [Fact]
    public async Task ASlateOverQuotaIsRefusedAndTheMinistryStaysOpen()
    {
        var id = await InNominations();
        await harness.SendSlate(id, Builders.Slate("MOFCOM", 6));

        var refused = await harness.WaitForAction(id, AuditActions.SlateRefused);

        Assert.Contains("At most 5 nominees for MOFCOM", refused.Entry.Comment, StringComparison.Ordinal);
        Assert.Contains(refused.Pending, p => p.Party == "MOFCOM");
        Assert.DoesNotContain(harness.Slates, s => s.WorkshopId == id);
        await LifecycleTests.Until(() => harness.NotificationsOf(id).Any(n => n.Kind == NotificationKind.SlateRefused));
        var told = Assert.Single(harness.NotificationsOf(id), n => n.Kind == NotificationKind.SlateRefused);
        Assert.Equal(("focal.mofcom@gov.example.cn", "MOFCOM"), (told.To, told.Ministry));
        Assert.Contains("At most 5 nominees", told.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANomineeAlreadyNominatedByAnotherMinistryIsRefused()
    {
        var id = await InNominations();
        await harness.SendSlate(id, Builders.Slate("MFA", 2, emailPrefix: "shared"));
        await harness.WaitForAction(id, AuditActions.SlateAccepted);
        await harness.SendSlate(id, Builders.Slate("MOE", 1, emailPrefix: "shared"));

        var refused = await harness.WaitForAction(id, AuditActions.SlateRefused);

        Assert.Contains("shared.1@gov.example.cn is already nominated for this workshop.", refused.Entry.Comment, StringComparison.Ordinal);
        Assert.Equal(["MFA"], harness.Slates.Where(s => s.WorkshopId == id).Select(s => s.Slate.Ministry));
    }

    [Fact]
    public async Task AReplacedSlateCountsOnlyOnce()
    {
        var id = await InNominations();
        await harness.SendSlate(id, Builders.Slate("MFA", 10));
        await harness.WaitForAction(id, AuditActions.SlateAccepted);
        await harness.SendSlate(id, Builders.Slate("MFA", 4));
        await harness.WaitFor(id, p => p.Entry.Comment == "MFA: 4 nominee(s)", "replacement");
        foreach (var invitation in Builders.Proposal().Invitations.Where(i => i.Ministry != "MFA"))
        {
            await harness.SendSlate(id, Builders.Slate(invitation.Ministry, invitation.Quota));
        }

        var donor = await harness.WaitForStage(id, Stage.DonorSignOff);

        Assert.Contains("45 nominee(s)", donor.Entry.Comment, StringComparison.Ordinal);
        // Storage is told which list is a ministry's first (stored without reading what is on file) and which replaces one.
        var stored = harness.Slates.Where(s => s.WorkshopId == id).ToList();
        Assert.Equal([(10, true), (4, false)], stored.Where(s => s.Slate.Ministry == "MFA").Select(s => (s.Slate.Nominees.Count, s.First)));
        Assert.All(stored.Where(s => s.Slate.Ministry != "MFA"), s => Assert.True(s.First));
    }

    [Fact]
    public async Task EveryMinistryDecliningExpiresTheWorkshop()
    {
        var id = await InNominations();
        foreach (var invitation in Builders.Proposal().Invitations)
        {
            await harness.SendSlate(id, Builders.Decline(invitation.Ministry));
        }

        var outcome = await harness.WaitForOutcome(id);

        Assert.Equal(Stage.Expired, outcome.Stage);
        Assert.Contains("No nominee", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(harness.NotificationsOf(id), n => n.Kind == NotificationKind.DecisionOutcome && n.To == "liaison.office@iom.example.org");
    }
}
