namespace Approvals.Workflow;

/// <summary>Why the workflow moves: the audit action, who caused it and their comment.</summary>
internal sealed record Step(string Action, string Actor, string? Comment);

/// <summary>The stage to enter next and the step that leads there. <paramref name="ReturnTo"/> is the stage that
/// asked for changes, so that a resubmission goes back to it (the review, or the donor with nominations kept).</summary>
internal sealed record Move(Stage To, Step Because, Stage ReturnTo = Stage.InternalReview);

/// <summary>What a stage's step leads to: the next move, or the outcome that ended the workshop.</summary>
internal sealed record StepResult(Move? Next, WorkshopOutcome? Outcome)
{
    public static implicit operator StepResult(Move next) => new(next, null);

    public static implicit operator StepResult(WorkshopOutcome outcome) => new(null, outcome);
}

/// <summary>How a wait ended: with the event that completed it, at a deadline that closes the wait (a nomination
/// window), or with the outcome that ended the workshop while it waited (cancelled, expired).</summary>
internal sealed record WaitEnd<T>(T? Event, WorkshopOutcome? Outcome)
    where T : class;
