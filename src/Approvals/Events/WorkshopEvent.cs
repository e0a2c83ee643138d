using Approvals.Workflow;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>A published workshop's life after publication, as a run of its own beside the approval workflow (which ends
/// at Published exactly as it always did, so workshops started before this existed are untouched). It waits until the
/// last day is over for staff to postpone or cancel; each change is recorded, announced and mailed
/// (<see cref="AnnounceChange"/>). Deterministic: all I/O is in activities and all time comes from the context.</summary>
public sealed class WorkshopEvent : TaskOrchestrator<EventStarted, EventOutcome>
{
    /// <summary>The steps this run records are numbered after any step of the approval workflow, whose numbers stay far below.</summary>
    public const long FirstSequence = 1_000_000;

    /// <summary>A workshop moved this often is better cancelled and proposed again; it also bounds the run's history.</summary>
    public const int MaxPostponements = 10;

    public override async Task<EventOutcome> RunAsync(TaskOrchestrationContext context, EventStarted input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
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
