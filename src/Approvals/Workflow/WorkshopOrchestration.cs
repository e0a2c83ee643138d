using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Publication;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>One workshop from submission to a terminal stage. Deterministic: all I/O is in activities, all time
/// comes from the context, and every wait is an event raced against a timer and against cancellation.</summary>
public sealed class WorkshopOrchestration : TaskOrchestrator<WorkshopStarted, WorkshopOutcome>
{
    public override Task<WorkshopOutcome> RunAsync(TaskOrchestrationContext context, WorkshopStarted input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new WorkshopRun(context, input).RunAsync();
    }
}

/// <summary>The state of one run of <see cref="WorkshopOrchestration"/>.</summary>
internal sealed class WorkshopRun(TaskOrchestrationContext context, WorkshopStarted input)
{
    private readonly Timing timing = input.Timing;
    private readonly Dictionary<string, Slate> slates = new(StringComparer.OrdinalIgnoreCase);
    private Task<CancelRequested> cancellation = null!;
    private ProjectDirectory directory = null!;
    private Proposal proposal = input.Proposal;
    private Stage stage = Stage.InternalReview;
    private int round;
    private IReadOnlyList<PendingRequest> pending = [];
    private long recorded;

    private string Id => input.WorkshopId;
    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public async Task<WorkshopOutcome> RunAsync()
    {
        // One wait for cancellation for the whole run; every other wait races against it.
        cancellation = context.WaitForExternalEvent<CancelRequested>(WorkflowEvents.CancelRequested);
        directory = await context.CallActivityAsync<ProjectDirectory>(nameof(LoadDirectory), Id, Retry);
        context.SetCustomStatus(new WorkflowStatus(stage, round));

        var next = Stage.InternalReview;
        var returnTo = Stage.InternalReview;
        var step = new Step(AuditActions.Submitted, proposal.SubmittedBy, null);

        // Each revision round visits at most four stages; the bound only guards against a logic error.
        for (var visits = 0; visits < 4 * (input.MaxRevisionRounds + 2); visits++)
        {
            switch (next)
            {
                case Stage.InternalReview:
                {
                    var decision = await RequestDecision(Stage.InternalReview, directory.ProjectManagers, Role.ProjectManager,
                        NotificationKind.ReviewRequest, timing.ReviewTimeout, step);
                    if (decision.Ended is { } ended) return ended;
                    returnTo = Stage.InternalReview;
                    (next, step) = Route(decision.Value!, Stage.Nominations);
                    break;
                }

                case Stage.ChangesRequested:
                {
                    if (round >= input.MaxRevisionRounds)
                    {
                        return await Finish(Stage.Rejected, step with
                        {
                            Action = AuditActions.RevisionLimitReached,
                            Comment = $"Changes were requested after {round} revision round(s), the limit. Last request: {step.Comment}",
                        });
                    }

                    var resubmission = await AwaitResubmission(step, returnTo);
                    if (resubmission.Ended is { } ended) return ended;
                    proposal = resubmission.Value!.Proposal;
                    round++;
                    step = new Step(AuditActions.Resubmitted, resubmission.Value.Actor, null);
                    next = returnTo;
                    break;
                }

                case Stage.Nominations:
                {
                    var closed = await CollectNominations(step);
                    if (closed.Ended is { } ended) return ended;
                    step = new Step(AuditActions.NominationsClosed, AuditActions.System, closed.Value);
                    next = Stage.DonorSignOff;
                    break;
                }

                case Stage.DonorSignOff:
                {
                    var decision = await RequestDecision(Stage.DonorSignOff, directory.DonorApprovers, Role.Donor,
                        NotificationKind.DonorRequest, timing.DonorTimeout, step);
                    if (decision.Ended is { } ended) return ended;
                    returnTo = Stage.DonorSignOff;
                    (next, step) = Route(decision.Value!, Stage.Published);
                    break;
                }

                case Stage.Published:
                    await context.CallActivityAsync<bool>(nameof(PublishAnnouncement),
                        new PublicationRequest(Id, proposal, slates.Values.OrderBy(s => s.Ministry, StringComparer.Ordinal).ToList()), Retry);
                    return await Finish(Stage.Published, step with { Action = AuditActions.Published });

                case Stage.Rejected:
                    return await Finish(Stage.Rejected, step);

                default:
                    // Cancelled and Expired are reached through WaitResult.Ended, never as a next stage.
                    throw new InvalidOperationException($"Unexpected next stage {next}.");
            }
        }

        throw new InvalidOperationException($"Workshop {Id} visited more stages than its revision rounds allow.");
    }

    /// <summary>Why the workflow moves: the audit action, who caused it and their comment.</summary>
    private sealed record Step(string Action, string Actor, string? Comment);

    private static (Stage Next, Step Step) Route(DecisionRecorded d, Stage onApprove) => d.Decision switch
    {
        Decision.Approve => (onApprove, new Step(AuditActions.Approved, d.Approver, d.Comment)),
        Decision.Reject => (Stage.Rejected, new Step(AuditActions.Rejected, d.Approver, d.Comment)),
        _ => (Stage.ChangesRequested, new Step(AuditActions.ChangesRequested, d.Approver, d.Comment)),
    };

    private async Task<WaitResult<DecisionRecorded>> RequestDecision(
        Stage waitingStage, IReadOnlyList<string> approvers, Role role, NotificationKind kind, TimeSpan timeout, Step step)
    {
        var due = Now + timeout;
        await Record(waitingStage, step, approvers.Select(a => new PendingRequest(role, a, due)).ToList(),
            step.Action == AuditActions.Resubmitted ? proposal : null);
        await Notify(approvers.Select(a => Message(kind, a, role, due)));

        return await Wait<DecisionRecorded>(
            WorkflowEvents.DecisionRecorded,
            accept: d => d.Stage == waitingStage && d.Round == round,
            describe: d => $"{d.Decision} for {d.Stage} round {d.Round} by {d.Approver}",
            due,
            remind: until => approvers.Select(a => Message(NotificationKind.Reminder, a, role, until)));
    }

    private async Task<WaitResult<ProposalResubmitted>> AwaitResubmission(Step step, Stage returnTo)
    {
        var due = Now + timing.ReviewTimeout;
        await Record(Stage.ChangesRequested, step, [new PendingRequest(Role.Proposer, proposal.SubmittedBy, due)], resumesAt: returnTo);
        await Notify([Message(NotificationKind.ChangesRequested, proposal.SubmittedBy, Role.Proposer, due, comment: step.Comment) with { Outcome = returnTo }]);
        return await Wait<ProposalResubmitted>(
            WorkflowEvents.ProposalResubmitted,
            accept: r => r.Round == round,
            describe: r => $"resubmission by {r.Actor} for round {r.Round}",
            due,
            remind: until => [Message(NotificationKind.Reminder, proposal.SubmittedBy, Role.Proposer, until)]);
    }

    /// <summary>Sends a nomination request to every invited ministry and gathers slates until each has answered or
    /// the window closes. Returns a summary of the slates, or the outcome when the workshop ends here.</summary>
    private async Task<WaitResult<string>> CollectNominations(Step step)
    {
        var due = Now + timing.NominationWindow;
        var invited = proposal.Invitations.Select(i => i.Ministry).ToList();
        IReadOnlyList<PendingRequest> Open() => invited
            .Where(m => !slates.ContainsKey(m))
            .Select(m => new PendingRequest(Role.FocalPoint, m, due))
            .ToList();
        IEnumerable<Notification> ToFocalPoints(NotificationKind kind, IEnumerable<string> ministries) => ministries
            .SelectMany(m => (directory.Find(m)?.FocalPoints ?? []).Select(fp => Message(kind, fp, Role.FocalPoint, due, ministry: m)));

        await Record(Stage.Nominations, step, Open());
        await Notify(ToFocalPoints(NotificationKind.NominationRequest, invited));

        var nextReminder = Now + timing.ReminderInterval;
        while (invited.Any(m => !slates.ContainsKey(m)))
        {
            var wake = WakeAt(nextReminder, due);
            using var cts = new CancellationTokenSource();
            var slateTask = context.WaitForExternalEvent<SlateSubmitted>(WorkflowEvents.SlateSubmitted, cts.Token);
            var timer = context.CreateTimer(wake.UtcDateTime, cts.Token);
            var winner = await Task.WhenAny(slateTask, timer, cancellation);
            cts.Cancel(); // synchronously: callbacks must run on the orchestrator thread

            if (cancellation.IsCompleted) return new(null, await Cancel());
            if (winner == slateTask)
            {
                await TakeSlate(slateTask.Result, Open, due);
                continue;
            }

            if (Now + TimerSlack >= due) break;
            nextReminder = Now + timing.ReminderInterval;
            var late = invited.Where(m => !slates.ContainsKey(m)).ToList();
            await Notify(ToFocalPoints(NotificationKind.Reminder, late));
            await Record(Stage.Nominations, new Step(AuditActions.ReminderSent, AuditActions.System, string.Join(", ", late)), Open());
        }

        var nominees = slates.Values.Sum(s => s.Nominees.Count);
        var missing = invited.Where(m => !slates.ContainsKey(m)).ToList();
        var summary = $"{nominees} nominee(s) from {slates.Values.Count(s => !s.Declined)} ministries"
            + (missing.Count > 0 ? $"; no answer from {string.Join(", ", missing)}" : string.Empty);
        if (nominees == 0)
        {
            return new(null, await Finish(Stage.Expired, new Step(AuditActions.Expired, AuditActions.System, $"No nominee: {summary}."),
                notifyAlso: directory.Escalation.Select(e => (e, Role.Manager))));
        }

        return new(summary, null);
    }

    private async Task TakeSlate(SlateSubmitted made, Func<IReadOnlyList<PendingRequest>> open, DateTimeOffset due)
    {
        var slate = made.Slate;
        var errors = SlateRules.Check(proposal, slate, slates.Values);
        if (errors.Count > 0)
        {
            var reasons = string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")));
            await Record(Stage.Nominations, new Step(AuditActions.SlateRefused, slate.SubmittedBy, $"{slate.Ministry}: {reasons}"), open(), tokenId: made.TokenId);
            // The form checked the slate when it was sent; this catches a race with another ministry's slate.
            await Notify([Message(NotificationKind.SlateRefused, slate.SubmittedBy, Role.FocalPoint, due, ministry: slate.Ministry, comment: reasons)]);
            return;
        }

        var key = proposal.Invitations.First(i => string.Equals(i.Ministry, slate.Ministry, StringComparison.OrdinalIgnoreCase)).Ministry;
        slates[key] = slate with { Ministry = key };
        await context.CallActivityAsync<bool>(nameof(SaveSlate), new SlateRecord(Id, slates[key], made.TokenId), Retry);
        await Record(Stage.Nominations, new Step(slate.Declined ? AuditActions.Declined : AuditActions.SlateAccepted, slate.SubmittedBy,
            slate.Declined ? key : $"{key}: {slate.Nominees.Count} nominee(s)"), open(), tokenId: made.TokenId);
    }

    /// <summary>Activities touch storage; a passing outage must not fail the workshop. Every activity is idempotent
    /// (upserts keyed by deterministic ids), so retrying is safe: 6 tries over about a minute.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>Durable timers on Azure Storage may fire up to about a second early.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(1);

    /// <summary>The next reminder, unless the deadline comes first. Reminders keep their own clock: events that
    /// arrive in between (other answers, stray clicks) do not push them back.</summary>
    private static DateTimeOffset WakeAt(DateTimeOffset nextReminder, DateTimeOffset due) =>
        nextReminder < due - TimerSlack ? nextReminder : due;

    /// <summary>Waits for an accepted event: reminders until <paramref name="due"/>, then escalation, then expiry.
    /// Events that do not match the current step are recorded and ignored.</summary>
    private async Task<WaitResult<T>> Wait<T>(
        string eventName, Func<T, bool> accept, Func<T, string> describe, DateTimeOffset due, Func<DateTimeOffset, IEnumerable<Notification>> remind)
    {
        var escalated = false;
        var nextReminder = Now + timing.ReminderInterval;

        // Bounded by the reminders a wait can need (deadline and grace) plus a generous allowance for stray events.
        var turns = (int)Math.Min(10_000,
            (due - Now + timing.EscalationGrace).Ticks / Math.Max(1, timing.ReminderInterval.Ticks) + MaxStrayEvents + 4);
        for (var turn = 0; turn < turns; turn++)
        {
            var wake = WakeAt(nextReminder, due);
            using var cts = new CancellationTokenSource();
            var eventTask = context.WaitForExternalEvent<T>(eventName, cts.Token);
            var timer = context.CreateTimer(wake.UtcDateTime, cts.Token);
            var winner = await Task.WhenAny(eventTask, timer, cancellation);
            cts.Cancel(); // synchronously: callbacks must run on the orchestrator thread

            // A cancellation that arrived together with another event wins: staff were told it was accepted.
            if (cancellation.IsCompleted) return new(default, await Cancel());
            if (winner == eventTask)
            {
                if (accept(eventTask.Result)) return new(eventTask.Result, null);
                await Record(stage, new Step(AuditActions.IgnoredLateEvent, AuditActions.System, describe(eventTask.Result)), pending);
                continue;
            }

            if (Now + TimerSlack < due)
            {
                nextReminder = Now + timing.ReminderInterval;
                await Notify(remind(due));
                await Record(stage, new Step(AuditActions.ReminderSent, AuditActions.System, string.Join(", ", pending.Select(p => p.Party))), pending);
                continue;
            }

            if (escalated)
            {
                return new(default, await Finish(Stage.Expired, new Step(AuditActions.Expired, AuditActions.System,
                    $"No answer by {due:yyyy-MM-dd HH:mm} UTC after escalation."),
                    notifyAlso: directory.Escalation.Select(e => (e, Role.Manager))));
            }

            escalated = true;
            var waitingFor = pending;
            due = Now + timing.EscalationGrace;
            nextReminder = Now + timing.ReminderInterval;
            await Record(stage, new Step(AuditActions.Escalated, AuditActions.System,
                $"No answer from {string.Join(", ", waitingFor.Select(p => p.Party))}"), waitingFor.Select(p => p with { DueAt = due }).ToList());
            await Notify(directory.Escalation.Select(e => Message(NotificationKind.Escalation, e, Role.Manager, due)));
        }

        return new(default, await Finish(Stage.Expired, new Step(AuditActions.Expired, AuditActions.System,
            $"Stopped waiting after {turns} wake-ups (stray events or reminders)."), notifyAlso: directory.Escalation.Select(e => (e, Role.Manager))));
    }

    private const int MaxStrayEvents = 200;

    private async Task<WorkshopOutcome> Cancel()
    {
        var request = cancellation.Result;
        var open = pending;
        var notices = open
            .SelectMany(p => p.Role == Role.FocalPoint
                ? (directory.Find(p.Party)?.FocalPoints ?? []).Select(fp => (fp, p.Role, (string?)p.Party))
                : [(p.Party, p.Role, (string?)null)])
            .Append((proposal.SubmittedBy, Role.Proposer, null))
            .DistinctBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .Select(x => Message(NotificationKind.CancellationNotice, x.Item1, x.Item2, null, ministry: x.Item3, comment: request.Reason) with { Outcome = Stage.Cancelled })
            .ToList();
        await Record(Stage.Cancelled, new Step(AuditActions.Cancelled, request.Actor, request.Reason), []);
        await Notify(notices);
        return new WorkshopOutcome(Stage.Cancelled, request.Reason);
    }

    private async Task<WorkshopOutcome> Finish(Stage terminal, Step step, IEnumerable<(string To, Role Role)>? notifyAlso = null)
    {
        await Record(terminal, step, []);
        var recipients = new[] { (proposal.SubmittedBy, Role.Proposer) }.Concat(notifyAlso ?? [])
            .DistinctBy(r => r.Item1, StringComparer.OrdinalIgnoreCase);
        await Notify(recipients.Select(r => Message(NotificationKind.DecisionOutcome, r.Item1, r.Item2, null, comment: step.Comment) with { Outcome = terminal }));
        return new WorkshopOutcome(terminal, step.Comment ?? step.Action);
    }

    private async Task Record(
        Stage to, Step step, IReadOnlyList<PendingRequest> open, Proposal? changedProposal = null, string? tokenId = null, Stage? resumesAt = null)
    {
        var previous = stage;
        if (to != stage)
        {
            stage = StageMachine.Move(stage, to);
            context.SetCustomStatus(new WorkflowStatus(stage, round));
        }
        else if (changedProposal is not null)
        {
            context.SetCustomStatus(new WorkflowStatus(stage, round));
        }

        pending = open;
        var entry = new AuditEntry(context.NewGuid().ToString("N"), Now, stage, step.Action, step.Actor, step.Comment, tokenId, Channel: "workflow");
        await context.CallActivityAsync<bool>(nameof(RecordProgress), new ProgressUpdate(Id, stage, round, entry, open, changedProposal)
        {
            Sequence = ++recorded,
            Previous = previous,
            ResumesAt = resumesAt,
        }, Retry);
    }

    private Task Notify(IEnumerable<Notification> notifications)
    {
        var batch = notifications.ToList();
        return batch.Count == 0 ? Task.CompletedTask : context.CallActivityAsync<int>(nameof(SendNotifications), batch, Retry);
    }

    private Notification Message(NotificationKind kind, string to, Role role, DateTimeOffset? due, string? ministry = null, string? comment = null) =>
        new(context.NewGuid().ToString("N"), kind, Id, to, role, stage, round, Now, due, ministry, comment);
}

/// <summary>Either the awaited value, or the outcome that ended the workshop while waiting.</summary>
internal sealed record WaitResult<T>(T? Value, WorkshopOutcome? Ended);
