using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>A step is one activity (<see cref="RecordStep"/>) on real storage: when it runs again (the worker died after
/// it wrote, or its result was lost), the history has the step once, the snapshot and the slate are as after the first
/// run, and every mail of the step reaches its recipient exactly once.</summary>
[Collection(SharedServer.Workshops)]
public sealed class ARetriedStepRecordsOnceAndMailsOnce(AppServer server)
{
    [Fact]
    public async Task RunTwiceTheStepIsOneAuditLineOneSlateAndOneMailPerRecipient()
    {
        await using var services = LibraryServices.Build();
        var proposal = MailTestData.Proposal();
        var id = ProposalIntake.NewWorkshopId(DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<WorkshopStore>().CreateAsync(new WorkshopRecord(id, proposal.Title, Stage.Nominations, 0, now, now, proposal, []));
        var ministry = proposal.Invitations[0].Ministry;
        var slate = new Slate(ministry, [MailTestData.Nominee], false, "focal.mfa@gov.example.cn", now);
        var (manager, focalPoint) = (MailTestData.UniqueAddress("manager"), MailTestData.UniqueAddress("focal"));
        var step = new StepRecord(
            new ProgressUpdate(id, Stage.Nominations, 0, new AuditEntry(Guid.NewGuid().ToString("N"), now, Stage.Nominations, AuditActions.SlateAccepted,
                slate.SubmittedBy, $"{ministry}: 1 nominee(s)", Channel: "workflow"), [new PendingRequest(Role.FocalPoint, "MOE", now.AddDays(14))])
            {
                Sequence = 7,
                Previous = Stage.Nominations,
            },
            [
                MailTestData.Notification(id, NotificationKind.Escalation, manager, Role.Manager, Stage.Nominations),
                MailTestData.Notification(id, NotificationKind.Reminder, focalPoint, Role.FocalPoint, Stage.Nominations, ministry: "MOE"),
            ])
        {
            Slate = new SlateRecord(id, slate, "token-1"),
        };
        var activity = services.GetRequiredService<RecordStep>();

        Assert.Equal(2, await activity.ExecuteAsync(step));
        Assert.Equal(2, await activity.ExecuteAsync(step));

        Assert.Single(await services.GetRequiredService<AuditLog>().ListAsync(id), e => e.Id == step.Progress.Entry.Id);
        var stored = (await services.GetRequiredService<WorkshopStore>().GetAsync(id))!;
        Assert.Equal((Stage.Nominations, "MOE"), (stored.Stage, Assert.Single(stored.Pending).Party));
        var kept = Assert.Single(await services.GetRequiredService<NominationStore>().ListAsync(id));
        Assert.Equal([MailTestData.Nominee.Email], kept.Nominees.Select(n => n.Email));
        var mails = await Eventually.Until(() => server.MailsAsync(id), m => m.Count >= 2, TimeSpan.FromSeconds(60));

        // The second run queued the same two mails again; the handler knows them by id and sends each once.
        await Task.Delay(TimeSpan.FromSeconds(3));
        mails = await server.MailsAsync(id);
        Assert.Equal(new[] { manager, focalPoint }.Order(StringComparer.Ordinal), mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Equal(step.Mails.Select(m => m.Id).Order(StringComparer.Ordinal), mails.Select(m => m.NotificationId).Order(StringComparer.Ordinal));
    }
}
