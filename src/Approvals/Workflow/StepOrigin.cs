namespace Approvals.Workflow;

/// <summary>The click a workflow step answers: its trace, so the step's spans and mails join the request's, and its
/// time, for the click-to-next-stage latency. <see cref="At"/> is dropped once the next stage is recorded, so a click
/// that moves the workshop through two stages is measured once.</summary>
public sealed record StepOrigin(string? TraceParent, DateTimeOffset? At)
{
    /// <summary>The origin an event carries: a link's decision or slate (other events start no trace of their own).</summary>
    public static StepOrigin? Of(object? received) => received switch
    {
        DecisionRecorded d => new StepOrigin(d.Via?.TraceParent, d.At),
        SlateSubmitted s => new StepOrigin(s.Via?.TraceParent, s.Slate.SubmittedAt),
        _ => null,
    };
}
