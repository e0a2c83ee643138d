namespace Approvals.Workflow;

/// <summary>The workflow's answers to the events it receives, published in its custom status: a page that raised an
/// event confirms it to its sender only once the workflow has answered that it uses it.</summary>
internal sealed partial class WorkshopRun
{
    /// <summary>How many answers the custom status carries: enough for the events of one busy moment, few enough to
    /// stay far below the status size limit.</summary>
    private const int RecentAnswers = 20;

    /// <summary>Long enough to say why, short enough that twenty answers stay small.</summary>
    private const int MaxWhy = 200;

    private readonly HashSet<string> answered = new(StringComparer.Ordinal);
    private readonly Queue<EventAnswer> recentAnswers = new();

    /// <summary>Whether the event with <paramref name="receipt"/> was answered before (a second raise of it).</summary>
    public bool Answered(string? receipt) => receipt is not null && answered.Contains(receipt);

    /// <summary>Answers an event once; the answer is stored with the step that follows, before any activity runs.</summary>
    public void Answer(string? receipt, bool used, string? why = null)
    {
        if (receipt is null || !answered.Add(receipt)) return;
        recentAnswers.Enqueue(new EventAnswer(receipt, used, why is { Length: > MaxWhy } ? why[..(MaxWhy - 1)] + "…" : why));
        while (recentAnswers.Count > RecentAnswers) recentAnswers.Dequeue();
        PublishStatus();
    }

    /// <summary>A cancellation that arrived while the workshop was being published is refused, not silently dropped.</summary>
    public void RefuseLateCancellation(string why)
    {
        if (cancellation.IsCompletedSuccessfully) Answer(cancellation.Result.Receipt, used: false, why);
    }

    /// <summary>The step shown as stuck in the custom status, or null.</summary>
    private StuckStep? stuckNow;

    private void PublishStatus(Stage? showing = null) =>
        context.SetCustomStatus(new WorkflowStatus(showing ?? Stage, Round, recentAnswers.Count == 0 ? null : recentAnswers.ToList()) { Stuck = stuckNow });
}
