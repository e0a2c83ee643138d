using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>The state of one run of <see cref="WorkshopOrchestration"/> and the moves every stage makes with it:
/// record a step, send mail, wait (<see cref="WaitAsync{T}"/>), finish, cancel. Deterministic: time and ids come from
/// the orchestration context, all I/O goes through activities.</summary>
internal sealed partial class WorkshopRun
{
    private readonly TaskOrchestrationContext context;
    private readonly WorkshopStarted input;

    /// <summary>The one wait for cancellation of the whole run; every other wait races against it.</summary>
    private readonly Task<CancelRequested> cancellation;

    /// <summary>The number of the last recorded step, so storage never lets a redelivered step overwrite a newer one.</summary>
    private long recorded;

    /// <summary>The click the run is answering since its last wake-up (null after a timer): read from the event, never
    /// from the ambient trace, so a replay passes the same to the activities.</summary>
    private StepOrigin? origin;

    /// <summary>Mails that go out with the next recorded step (<see cref="NotifyWithNextStep"/>).</summary>
    private readonly List<Notification> withNextStep = [];

    private WorkshopRun(TaskOrchestrationContext context, WorkshopStarted input, Task<CancelRequested> cancellation)
    {
        this.context = context;
        this.input = input;
        this.cancellation = cancellation;
        Proposal = input.Proposal;
        (retry, bestEffort) = RetryPolicies(input.Timing.ActivityRetryInterval);
    }

    /// <summary>A run that listens for cancellation from its first moment; <see cref="StartAsync"/> then loads what it needs.</summary>
    public static WorkshopRun Create(TaskOrchestrationContext context, WorkshopStarted input) =>
        new(context, input, context.WaitForExternalEvent<CancelRequested>(WorkflowEvents.CancelRequested));

    public async Task StartAsync()
    {
        Directory = input.Directory ?? await CallAsync<ProjectDirectory>(nameof(LoadDirectory), input.WorkshopId);
        PublishStatus();
    }

    public string Id => input.WorkshopId;

    /// <summary>The trace of the click the run is answering, for the activities it calls.</summary>
    public string? TraceParent => origin?.TraceParent;

    public Timing Timing => input.Timing;

    public int MaxRevisionRounds => input.MaxRevisionRounds;

    public ProjectDirectory Directory { get; private set; } = null!;

    /// <summary>The proposal as last submitted (a resubmission replaces it).</summary>
    public Proposal Proposal { get; private set; }

    public Stage Stage { get; private set; } = Stage.InternalReview;

    /// <summary>How many revision rounds the proposal has been through.</summary>
    public int Round { get; private set; }

    /// <summary>Who the workflow is waiting for now, as last recorded.</summary>
    public IReadOnlyList<PendingRequest> Pending { get; private set; } = [];

    /// <summary>The slates the nominations accepted, in ministry order (for the donor and the announcement).</summary>
    public IReadOnlyList<Slate> Slates { get; private set; } = [];

    public DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public IEnumerable<(string To, Role Role)> EscalationContacts => Directory.Escalation.Select(e => (e, Role.Manager));

    /// <summary>A resubmitted proposal starts the next revision round.</summary>
    public void Revise(Proposal revised)
    {
        Proposal = revised;
        Round++;
    }

    public void KeepSlates(IEnumerable<Slate> slates) => Slates = slates.OrderBy(s => s.Ministry, StringComparer.Ordinal).ToList();

    /// <summary>Moves to <paramref name="to"/> (a legal move, or it throws) and tells storage: the new snapshot, who is
    /// waited for, and one audit line; then sends the step's <paramref name="mails"/>, written at the stage it records
    /// (and the slate it keeps, stored first). One activity (<see cref="RecordStep"/>), or, in a run started before
    /// that, the activities it made then, in their order: the slate, the record, the mails.</summary>
    public async Task Record(
        Stage to, Step step, IReadOnlyList<PendingRequest> open, Proposal? changedProposal = null, string? tokenId = null, Stage? resumesAt = null,
        Func<IEnumerable<Notification>>? mails = null, SlateRecord? slate = null)
    {
        if (slate is not null && !OneActivityPerStep) await CallAsync<bool>(nameof(SaveSlate), slate);

        // The run moves only once storage has the step: a step stuck here leaves the workshop where storage shows it.
        var previous = Stage;
        var next = to == Stage ? Stage : StageMachine.Move(Stage, to);
        var entry = new AuditEntry(context.NewGuid().ToString("N"), Now, next, step.Action, step.Actor, step.Comment, tokenId, Channel: "workflow");

        // The status shows the new stage before storage does: a page that sees the stored stage and waits for the
        // workflow's answer must never find the status behind it (it would take that as "moved on, not used").
        if (next != previous || changedProposal is not null) PublishStatus(next);
        var update = new ProgressUpdate(Id, next, Round, entry, open, changedProposal)
        {
            Sequence = ++recorded,
            Previous = previous,
            ResumesAt = resumesAt,
            Handovers = HandoversFor(next),
            Origin = origin,
        };
        if (OneActivityPerStep)
        {
            var batch = withNextStep.Concat(Traced(WrittenAt(next, mails))).ToList();
            await CallAsync<int>(nameof(RecordStep), new StepRecord(update, batch) { Slate = slate });
            withNextStep.Clear();
        }
        else
        {
            await CallAsync<bool>(nameof(RecordProgress), update);
        }

        if (next != previous && origin is { At: not null }) origin = origin with { At = null };
        Stage = next;
        Pending = open;
        if (next != previous || changedProposal is not null) PublishStatus();
        if (!OneActivityPerStep && mails is not null) await Notify(mails());
    }

    public Task Notify(IEnumerable<Notification> notifications)
    {
        var batch = Traced(notifications);
        return batch.Count == 0 ? Task.CompletedTask : CallAsync<int>(nameof(SendNotifications), batch);
    }

    /// <summary>Sends <paramref name="notifications"/> with the step the run records next, which follows at once (the
    /// next stage's first step); a run started before steps were one activity sends them now, as it did.</summary>
    public Task NotifyWithNextStep(IEnumerable<Notification> notifications)
    {
        if (!OneActivityPerStep) return Notify(notifications);
        withNextStep.AddRange(Traced(notifications));
        return Task.CompletedTask;
    }

    private bool OneActivityPerStep => input.Version >= WorkshopStarted.OneActivityPerStep;

    private List<Notification> Traced(IEnumerable<Notification> notifications) =>
        notifications.Select(n => n with { TraceParent = origin?.TraceParent }).ToList();

    /// <summary>A step's mails as a run that sent them after the step wrote them: at the stage the step records.</summary>
    private List<Notification> WrittenAt(Stage next, Func<IEnumerable<Notification>>? mails)
    {
        if (mails is null) return [];
        var at = Stage;
        Stage = next;
        try
        {
            return mails().ToList();
        }
        finally
        {
            Stage = at;
        }
    }

    public Notification Message(NotificationKind kind, string to, Role role, DateTimeOffset? due, string? ministry = null, string? comment = null) =>
        new(context.NewGuid().ToString("N"), kind, Id, to, role, Stage, Round, Now, due, ministry, comment);

    /// <summary>The same mail to each focal point holding each ministry's request.</summary>
    public IEnumerable<Notification> ToFocalPoints(NotificationKind kind, IEnumerable<string> ministries, DateTimeOffset due) => ministries
        .SelectMany(m => HoldersOf(m).Select(fp => Message(kind, fp, Role.FocalPoint, due, ministry: m)));

    /// <summary>Ends the workshop at a terminal stage and tells the proposer (and <paramref name="notifyAlso"/>).</summary>
    public async Task<WorkshopOutcome> Finish(Stage terminal, Step step, IEnumerable<(string To, Role Role)>? notifyAlso = null)
    {
        var recipients = new[] { (To: Proposal.SubmittedBy, Role: Role.Proposer) }.Concat(notifyAlso ?? [])
            .DistinctBy(r => r.To, StringComparer.OrdinalIgnoreCase);
        await Record(terminal, step, [],
            mails: () => recipients.Select(r => Message(NotificationKind.DecisionOutcome, r.To, r.Role, null, comment: step.Comment) with { Outcome = terminal }));
        return new WorkshopOutcome(terminal, step.Comment ?? step.Action);
    }

    public Task<WorkshopOutcome> Expire(string why) =>
        Finish(Stage.Expired, new Step(AuditActions.Expired, AuditActions.System, why), notifyAlso: EscalationContacts);

    /// <summary>Ends the workshop as staff asked and tells everyone with an open request, and the proposer.</summary>
    public async Task<WorkshopOutcome> Cancel()
    {
        cancelling = true;
        var request = cancellation.Result;
        var notices = Pending
            .SelectMany(p => p.Role == Role.FocalPoint
                ? HoldersOf(p.Party).Select(fp => new Recipient(fp, p.Role, p.Party))
                : [new Recipient(p.Party, p.Role, null)])
            .Append(new Recipient(Proposal.SubmittedBy, Role.Proposer, null))
            .DistinctBy(r => r.To, StringComparer.OrdinalIgnoreCase)
            .Select(r => Message(NotificationKind.CancellationNotice, r.To, r.Role, null, ministry: r.Ministry, comment: request.Reason) with { Outcome = Stage.Cancelled })
            .ToList();
        Answer(request.Receipt, used: true);
        await Record(Stage.Cancelled, new Step(AuditActions.Cancelled, request.Actor, request.Reason), [], mails: () => notices);
        return new WorkshopOutcome(Stage.Cancelled, request.Reason);
    }

    /// <summary>Someone to tell, and for which ministry when they are a focal point.</summary>
    private sealed record Recipient(string To, Role Role, string? Ministry);
}
