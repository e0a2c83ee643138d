using Approvals.Notifications;

namespace Approvals.Workflow;

/// <summary>What one wait listens for and how it answers each wake-up; run by <see cref="WorkshopRun.WaitAsync{T}"/>.</summary>
/// <param name="EventName">The external event that can end the wait (<see cref="WorkflowEvents"/>).</param>
/// <param name="Due">The deadline of the request.</param>
/// <param name="Accept">Whether an event belongs to this step; one that does not (a click on an older link) is
/// recorded and ignored.</param>
/// <param name="Describe">The audit line for an ignored event.</param>
/// <param name="Take">Handles an accepted event; true when the wait is over (false: keep waiting, e.g. other
/// ministries have still to answer).</param>
/// <param name="Reminders">The reminder mails for the parties still open, given the current deadline.</param>
/// <param name="AtDeadline">What the deadline does: escalate then expire, or close the wait.</param>
internal sealed record WaitPlan<T>(
    string EventName,
    DateTimeOffset Due,
    Func<T, bool> Accept,
    Func<T, string> Describe,
    Func<T, Task<bool>> Take,
    Func<DateTimeOffset, IEnumerable<Notification>> Reminders,
    AtDeadline AtDeadline = AtDeadline.Escalate)
    where T : class
{
    /// <summary>The receipt the sender waits on (<see cref="WorkflowStatus.Answers"/>); null when nobody waits.</summary>
    public Func<T, string?> ReceiptOf { get; init; } = _ => null;

    /// <summary>Whether an event repeats one already taken (besides a second raise of an answered receipt): it is
    /// answered as used and changes nothing, and it does not count against the wait.</summary>
    public Func<T, bool> Repeats { get; init; } = _ => false;

    /// <summary>Why an event of this step is refused (its sender passed the request on), or null when it is taken.</summary>
    public Func<T, string?> Refuse { get; init; } = _ => null;

    /// <summary>The receipt a refusal is answered under: one of its own when the step's receipt must stay open for the
    /// answer that counts (a decision's receipt is its stage and round's).</summary>
    public Func<T, string?> RefusalReceiptOf { get; init; } = _ => null;
}

/// <summary>What happens when a request's deadline passes.</summary>
internal enum AtDeadline
{
    /// <summary>The escalation contacts are told and get <see cref="Timing.EscalationGrace"/>; then the workshop expires.</summary>
    Escalate,

    /// <summary>The wait simply ends (the nomination window closes with whatever answers came in).</summary>
    Close,
}
