using Approvals.Workflow;

namespace Approvals.Status;

public enum TimelineState
{
    Done,
    Current,
    Ahead,
}

/// <summary>One stage on a workshop's timeline: when it began and ended (open while current, both absent ahead).</summary>
public sealed record TimelineStep(Stage Stage, TimelineState State, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>The stages a workshop went through, read from its history, and the usual road ahead while it runs.</summary>
public static class Timeline
{
    private static readonly Stage[] Road = [Stage.InternalReview, Stage.Nominations, Stage.DonorSignOff, Stage.Published];

    public static IReadOnlyList<TimelineStep> Of(WorkshopStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var steps = new List<TimelineStep>();
        foreach (var line in status.History.OrderBy(h => h.At))
        {
            if (steps.Count > 0 && steps[^1].Stage == line.Stage) continue;
            if (steps.Count > 0) steps[^1] = steps[^1] with { State = TimelineState.Done, End = line.At };
            steps.Add(new TimelineStep(line.Stage, TimelineState.Current, line.At, null));
        }

        if (steps.Count == 0) steps.Add(new TimelineStep(status.Stage, TimelineState.Current, status.SubmittedAt, null));
        if (status.Stage.IsTerminal())
        {
            steps[^1] = steps[^1] with { State = TimelineState.Done, End = steps[^1].Start };
            return steps;
        }

        var furthest = steps.Max(s => Array.IndexOf(Road, s.Stage));
        steps.AddRange(Road.Skip(furthest + 1).Select(s => new TimelineStep(s, TimelineState.Ahead, null, null)));
        return steps;
    }
}
