using Approvals.Proposals;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>The state of one <see cref="WorkshopEvent"/> run and its two moves, postpone and cancel: each records the
/// step (history and snapshot), then announces it (<see cref="AnnounceChange"/>). The request is answered first, with the step's
/// scheduling, so staff hear at once that it is taken.</summary>
internal sealed partial class EventRun(TaskOrchestrationContext context, EventStarted input)
{
    private const int RecentAnswers = 20;

    private readonly TaskOptions retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 10, firstRetryInterval: input.ActivityRetryInterval, backoffCoefficient: 2, maxRetryInterval: input.ActivityRetryInterval * 30));

    private readonly Queue<EventAnswer> answers = new(input.Carried?.Answers ?? []);
    private long recorded = input.Carried?.Recorded ?? WorkshopEvent.FirstSequence;

    public Proposal Proposal { get; private set; } = input.Proposal;

    public Schedule Schedule => Schedule.Of(Proposal);

    public Stage Stage { get; private set; } = Stage.Published;

    /// <summary>How many changes the participants' calendars have had: the SEQUENCE of the latest.</summary>
    public int Changes { get; private set; } = input.Carried?.Changes ?? 0;

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public async Task PostponeAsync(PostponeRequested request)
    {
        Answer(request.Receipt);
        var before = Schedule;
        var changed = request.Schedule.ApplyTo(Proposal);
        await Record(Stage.Published, AuditActions.Postponed, request.Actor, request.Reason, changed);
        Proposal = changed;
        Changes++;
        await Announce(EventChangeKind.Postponed, before, request.Reason);
        if (input.Version >= EventStarted.KeepsRoster) ArmReminder();
    }

    public async Task CancelAsync(CancelRequested request)
    {
        Answer(request.Receipt);
        await Record(StageMachine.Move(Stage, Stage.Cancelled), AuditActions.Cancelled, request.Actor, request.Reason, null);
        Stage = Stage.Cancelled;
        Changes++;
        await Announce(EventChangeKind.Cancelled, Schedule, request.Reason);
    }

    /// <summary>The custom status a request waits on for its answer, in the shape the approval workflow publishes.</summary>
    public void PublishStatus() => context.SetCustomStatus(new WorkflowStatus(Stage, input.Round, answers.Count == 0 ? null : answers.ToList()));

    private Task Record(Stage stage, string action, string actor, string reason, Proposal? changed)
    {
        var entry = new AuditEntry(context.NewGuid().ToString("N"), Now, stage, action, actor, reason, Channel: "workflow");
        return context.CallActivityAsync<bool>(nameof(RecordProgress), new ProgressUpdate(input.WorkshopId, stage, input.Round, entry, [], changed)
        {
            Sequence = ++recorded,
            Previous = Stage,
        }, retry);
    }

    private Task Announce(EventChangeKind kind, Schedule before, string reason) =>
        context.CallActivityAsync<int>(nameof(AnnounceChange), new EventChange(input.WorkshopId, kind, Changes, Schedule, before, reason, Now), retry);

    private void Answer(string? receipt, bool used = true, string? why = null)
    {
        if (receipt is not null) answers.Enqueue(new EventAnswer(receipt, used, why));
        while (answers.Count > RecentAnswers) answers.Dequeue();
        PublishStatus();
    }
}
