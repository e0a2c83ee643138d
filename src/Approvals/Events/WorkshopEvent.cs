using Approvals.Participants;
using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>A published workshop's life after publication, as a run of its own beside the approval workflow (which ends
/// at Published exactly as it always did, so workshops started before this existed are untouched). It waits until the
/// last day is over for staff to postpone or cancel, for participants' answers and ministries' substitutions, and for
/// the moment to remind the participants who have not answered; each is recorded, announced and mailed by an
/// activity. Deterministic: all I/O is in activities and all time comes from the context.</summary>
public sealed class WorkshopEvent : TaskOrchestrator<EventStarted, EventOutcome>
{
    /// <summary>The steps this run records are numbered after any step of the approval workflow, whose numbers stay far below.</summary>
    public const long FirstSequence = 1_000_000;

    /// <summary>A workshop moved this often is better cancelled and proposed again; it also bounds the run's history.</summary>
    public const int MaxPostponements = 10;

    /// <summary>After this many events a run continues as new with what it carries, so its history stays small however
    /// many answers and substitutions a large workshop gets.</summary>
    public const int EventsPerGeneration = 100;

    public override Task<EventOutcome> RunAsync(TaskOrchestrationContext context, EventStarted input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return input.Version >= EventStarted.KeepsRoster ? RosterLoopAsync(context, input) : OriginalLoopAsync(context, input);
    }

    private static async Task<EventOutcome> RosterLoopAsync(TaskOrchestrationContext context, EventStarted input)
    {
        var run = new EventRun(context, input);
        if (input.Carried is null) run.ArmReminder();
        var cancellation = context.WaitForExternalEvent<CancelRequested>(WorkflowEvents.CancelRequested);
        var postponement = context.WaitForExternalEvent<PostponeRequested>(WorkflowEvents.PostponeRequested);
        var answer = context.WaitForExternalEvent<ParticipantAnswered>(WorkflowEvents.ParticipantAnswered);
        var substitution = context.WaitForExternalEvent<SubstitutionRequested>(WorkflowEvents.SubstitutionRequested);
        run.PublishStatus();
        for (var handled = 0; handled < EventsPerGeneration; handled++)
        {
            using var timerCancel = new CancellationTokenSource();
            var over = context.CreateTimer(run.Schedule.Over.UtcDateTime, timerCancel.Token);
            var reminder = run.ReminderAt is { } at ? context.CreateTimer(at.UtcDateTime, timerCancel.Token) : null;
            var awaited = new List<Task> { cancellation, answer, substitution, over };
            if (run.Changes < MaxPostponements) awaited.Add(postponement);
            if (reminder is not null) awaited.Add(reminder);
            var first = await Task.WhenAny(awaited);
            timerCancel.Cancel();

            if (first == cancellation)
            {
                await run.CancelAsync(cancellation.Result);
                return new EventOutcome(EventEnd.Cancelled, run.Changes);
            }

            if (first == over) return new EventOutcome(EventEnd.Over, run.Changes);
            if (first == reminder)
            {
                await run.RemindAsync();
            }
            else if (first == answer)
            {
                var request = answer.Result;
                answer = context.WaitForExternalEvent<ParticipantAnswered>(WorkflowEvents.ParticipantAnswered);
                await run.AnswerAsync(request);
            }
            else if (first == substitution)
            {
                var request = substitution.Result;
                substitution = context.WaitForExternalEvent<SubstitutionRequested>(WorkflowEvents.SubstitutionRequested);
                await run.SubstituteAsync(request);
            }
            else
            {
                var request = postponement.Result;
                postponement = context.WaitForExternalEvent<PostponeRequested>(WorkflowEvents.PostponeRequested);
                await run.PostponeAsync(request);
            }
        }

        // Events that arrived meanwhile are kept for the next generation.
        context.ContinueAsNew(run.Carry(), preserveUnprocessedEvents: true);
        return new EventOutcome(EventEnd.Continued, run.Changes);
    }

    /// <summary>The loop of runs started before the roster was kept here, unchanged so their histories replay.</summary>
    private static async Task<EventOutcome> OriginalLoopAsync(TaskOrchestrationContext context, EventStarted input)
    {
        var run = new EventRun(context, input);
        var cancellation = context.WaitForExternalEvent<CancelRequested>(WorkflowEvents.CancelRequested);
        var postponement = context.WaitForExternalEvent<PostponeRequested>(WorkflowEvents.PostponeRequested);
        run.PublishStatus();
        // Bounded: once the postponements are used up, only a cancellation or the end is awaited, and both end the run.
        for (var moves = 0; moves <= MaxPostponements; moves++)
        {
            var awaited = moves < MaxPostponements ? new Task[] { cancellation, postponement } : [cancellation];
            using var timerCancel = new CancellationTokenSource();
            var over = context.CreateTimer(run.Schedule.Over.UtcDateTime, timerCancel.Token);
            var first = await Task.WhenAny([.. awaited, over]);
            if (first != over) timerCancel.Cancel();

            if (first == cancellation)
            {
                await run.CancelAsync(cancellation.Result);
                return new EventOutcome(EventEnd.Cancelled, run.Changes);
            }

            if (first == over) return new EventOutcome(EventEnd.Over, run.Changes);

            var request = postponement.Result;
            postponement = context.WaitForExternalEvent<PostponeRequested>(WorkflowEvents.PostponeRequested);
            await run.PostponeAsync(request);
        }

        throw new InvalidOperationException("The last round waits for a cancellation or the end only.");
    }
}
