using Approvals.Notifications;

namespace Approvals.Workflow;

/// <summary>The one wait of the workflow: an event raced against a timer and against cancellation, then reminders,
/// then escalation, then expiry.</summary>
internal sealed partial class WorkshopRun
{
    /// <summary>Durable timers on Azure Storage may fire up to about a second early: a timer that wakes this close to
    /// the deadline counts as the deadline.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(1);

    /// <summary>Events one wait takes without ending (clicks on older links, replaced slates, refused slates) before it
    /// stops listening and the workshop expires: far more than people make, few enough that a flood cannot grow the
    /// history without end. Reminders need no such bound: the deadline and the escalation grace end every wait.</summary>
    private const int MaxEventsPerWait = 500;

    /// <summary>Waits until <paramref name="plan"/>'s event completes it, sending reminders every
    /// <see cref="Timing.ReminderInterval"/> until the deadline. At the deadline the wait closes, or escalates: the
    /// escalation contacts are told and, with no answer after <see cref="Timing.EscalationGrace"/>, the workshop
    /// expires. Cancellation ends any wait at once.</summary>
    public async Task<WaitEnd<T>> WaitAsync<T>(WaitPlan<T> plan)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var timers = new WakeTimer(context, input.Version >= WorkshopStarted.OneTimerPerWake);
        return await WaitAsync(plan, timers);
    }

    private async Task<WaitEnd<T>> WaitAsync<T>(WaitPlan<T> plan, WakeTimer timers)
        where T : class
    {
        var due = plan.Due;
        var escalated = false;
        var events = 0;

        // Reminders keep their own clock: events that arrive in between (other answers, stray clicks) do not push them back.
        var nextReminder = Now + Timing.ReminderInterval;
        while (events < MaxEventsPerWait)
        {
            var wake = nextReminder < due - TimerSlack ? nextReminder : due;
            using var cts = new CancellationTokenSource();
            var eventTask = context.WaitForExternalEvent<T>(plan.EventName, cts.Token);
            var timer = timers.At(wake, cts.Token);
            var handover = HandoverWait;
            var winner = await Task.WhenAny(eventTask, timer, cancellation, handover);
            cts.Cancel(); // synchronously: callbacks must run on the orchestrator thread
            origin = eventTask.IsCompletedSuccessfully ? StepOrigin.Of(eventTask.Result) : null;

            // A cancellation that arrived together with another event wins: staff were told it was accepted.
            if (cancellation.IsCompleted) return new(null, await Cancel());

            // A handover that arrived together with the event waits for the next round: the event is taken first.
            if (winner == handover && !eventTask.IsCompletedSuccessfully)
            {
                handoverWait = null;
                events++;
                await TakeHandoverAsync(handover.Result, due);
                continue;
            }

            if (winner == eventTask || winner == handover)
            {
                var received = eventTask.Result;
                var receipt = plan.ReceiptOf(received);

                // A second raise of one click (a retried request, the recovery job) is not another answer: it neither
                // shows in the history nor brings the wait closer to giving up.
                if (Answered(receipt) || plan.Repeats(received))
                {
                    Answer(receipt, used: true);
                    continue;
                }

                events++;
                if (!plan.Accept(received))
                {
                    Answer(receipt, used: false, $"The workshop had moved on to {Stage} (round {Round}).");
                    await Record(Stage, new Step(AuditActions.IgnoredLateEvent, AuditActions.System, plan.Describe(received)), Pending);
                    continue;
                }

                if (plan.Refuse(received) is { } refused)
                {
                    Answer(plan.RefusalReceiptOf(received), used: false, refused);
                    await Record(Stage, new Step(AuditActions.IgnoredLateEvent, AuditActions.System, $"{plan.Describe(received)}: {refused}"), Pending);
                    continue;
                }

                var done = await plan.Take(received);
                Answer(receipt, used: true);
                if (done) return new(received, null);
                continue;
            }

            if (Now + TimerSlack < due)
            {
                nextReminder = Now + Timing.ReminderInterval;

                // Runs started before steps were one activity sent the reminders before they recorded them.
                if (!OneActivityPerStep) await Notify(plan.Reminders(due));
                await Record(Stage, new Step(AuditActions.ReminderSent, AuditActions.System, Parties(Pending)), Pending,
                    mails: OneActivityPerStep ? () => plan.Reminders(due) : null);
                continue;
            }

            if (plan.AtDeadline == AtDeadline.Close) return new(null, null);
            if (escalated) return new(null, await Expire($"No answer by {due:yyyy-MM-dd HH:mm} UTC after escalation."));

            escalated = true;
            var waitingFor = Pending;
            due = Now + Timing.EscalationGrace;
            nextReminder = Now + Timing.ReminderInterval;
            await Record(Stage, new Step(AuditActions.Escalated, AuditActions.System, $"No answer from {Parties(waitingFor)}"),
                waitingFor.Select(p => p with { DueAt = due }).ToList(),
                mails: () => Directory.Escalation.Select(e => Message(NotificationKind.Escalation, e, Role.Manager, due)));
        }

        return new(null, await Expire($"Stopped waiting after {MaxEventsPerWait} answers that did not complete the step."));
    }

    private static string Parties(IEnumerable<PendingRequest> pending) => string.Join(", ", pending.Select(p => p.Party));
}
