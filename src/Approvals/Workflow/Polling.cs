namespace Approvals.Workflow;

/// <summary>The one loop with which a request waits on its workflow: read until done or out of patience.</summary>
internal static class Polling
{
    /// <summary>The first look again comes soon, because an idle workflow answers within a few hundred milliseconds.</summary>
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Each look waits this much longer than the last: under load an answer takes seconds, and a fixed short
    /// interval then spends most of the storage's work on asking.</summary>
    private const double Growth = 1.5;

    /// <summary>Short enough that a person does not notice it, long enough to keep a waiting request cheap.</summary>
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>True as soon as <paramref name="done"/> is; false when it still is not after <paramref name="patience"/>.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan patience, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var interval = FirstInterval;
        while (true)
        {
            if (await done()) return true;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            await Task.Delay(interval < left ? interval : left, cancellation);
            interval = TimeSpan.FromTicks(Math.Min(LongestInterval.Ticks, (long)(interval.Ticks * Growth)));
        }
    }
}
