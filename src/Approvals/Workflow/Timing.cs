namespace Approvals.Workflow;

/// <summary>Durations of every wait. Bound from <c>Approvals:Timing</c>; copied into each orchestration's input
/// so a running workshop keeps the timing it started with.</summary>
public sealed record Timing
{
    public TimeSpan ReviewTimeout { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan NominationWindow { get; init; } = TimeSpan.FromDays(14);
    public TimeSpan DonorTimeout { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromDays(2);
    public TimeSpan EscalationGrace { get; init; } = TimeSpan.FromDays(3);
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromDays(21);

    /// <summary>The first pause before a failed activity is tried again; the pauses double up to fifteen times this, over
    /// six tries (about a minute at the default). A step that still fails is stuck until staff retry it.</summary>
    public TimeSpan ActivityRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long before the first day (midnight, China time) ministries stop withdrawing and replacing
    /// participants: the organiser's lists and badges are made from the roster by then.</summary>
    public TimeSpan ChangeCutoff { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long before the first day participants who have not answered are reminded once.</summary>
    public TimeSpan AnswerReminderBefore { get; init; } = TimeSpan.FromDays(7);
}
