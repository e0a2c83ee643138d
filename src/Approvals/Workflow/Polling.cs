namespace Approvals.Workflow;

/// <summary>The one loop with which a request waits on its workflow: read until done or out of patience.</summary>
internal static class Polling
{
    /// <summary>Short enough that a person does not notice it, long enough to keep a waiting request cheap.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>True as soon as <paramref name="done"/> is; false when it still is not after <paramref name="patience"/>.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan patience, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            if (await done()) return true;
            if (DateTimeOffset.UtcNow >= deadline) return false;
            await Task.Delay(Interval, cancellation);
        }
    }
}
