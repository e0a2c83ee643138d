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

    /// <summary>With word of each write (<see cref="InstanceChanges"/>), a look on its own schedule only covers a
    /// write the word missed (one made by another instance), so it can come much later.</summary>
    private static readonly TimeSpan FirstUnheardInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan LongestUnheardInterval = TimeSpan.FromSeconds(2);

    /// <summary>How much longer than its patience a wait may take to finish a read it started; after that the read is
    /// given up on, so a request never waits on storage that has stopped answering.</summary>
    public static readonly TimeSpan ReadGrace = TimeSpan.FromSeconds(2);

    /// <summary>True as soon as <paramref name="done"/> is; false when it still is not after <paramref name="patience"/>.</summary>
    public static Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan patience, CancellationToken cancellation) =>
        UntilAsync((_, _) => done(), patience, listen: null, cancellation);

    /// <summary>As above; <paramref name="listen"/> (when not null) gives a watch on what <paramref name="done"/> reads,
    /// taken before each look and handed to it, and each write it reports is looked at at once. <paramref name="done"/>
    /// gets a token that ends its read at the patience plus <see cref="ReadGrace"/>; a read cut off there is false.</summary>
    public static Task<bool> UntilAsync(Func<InstanceChanges.Watch?, CancellationToken, Task<bool>> done, TimeSpan patience,
        Func<InstanceChanges.Watch>? listen, CancellationToken cancellation) =>
        UntilAsync(done, patience, listen, since: null, cancellation);

    /// <summary>As above; <paramref name="since"/> (when not null) is a watch taken before the change the caller waits
    /// to see was made (an event raised): nothing can have been written for it before, so the first look waits for the
    /// next write, or for the first look of the wait's own schedule.</summary>
    public static async Task<bool> UntilAsync(Func<InstanceChanges.Watch?, CancellationToken, Task<bool>> done, TimeSpan patience,
        Func<InstanceChanges.Watch>? listen, InstanceChanges.Watch? since, CancellationToken cancellation)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bound.CancelAfter(patience + ReadGrace);
        try
        {
            InstanceChanges.Stored? known = null;
            if (since is not null && listen is not null) known = await WokenOrAfterAsync(since, FirstUnheardInterval, bound.Token);
            return await LookAsync(done, patience, listen, known, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> LookAsync(Func<InstanceChanges.Watch?, CancellationToken, Task<bool>> done, TimeSpan patience,
        Func<InstanceChanges.Watch>? listen, InstanceChanges.Stored? known, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var (interval, longest) = listen is null ? (FirstInterval, LongestInterval) : (FirstUnheardInterval, LongestUnheardInterval);
        while (true)
        {
            using var watch = listen?.Invoke();
            if (watch is not null) watch.Known = known;
            if (await done(watch, cancellation)) return true;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            var wait = interval < left ? interval : left;
            if (watch is null)
            {
                await Task.Delay(wait, cancellation);
            }
            else
            {
                known = await WokenOrAfterAsync(watch, wait, cancellation);
            }

            interval = TimeSpan.FromTicks(Math.Min(longest.Ticks, (long)(interval.Ticks * Growth)));
        }
    }

    /// <returns>What the write that woke it stored, when it was a write and that is known.</returns>
    private static async Task<InstanceChanges.Stored?> WokenOrAfterAsync(InstanceChanges.Watch watch, TimeSpan wait, CancellationToken cancellation)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        await Task.WhenAny(Task.Delay(wait, woken.Token), watch.Written);
        await woken.CancelAsync();
        cancellation.ThrowIfCancellationRequested();
        return watch.Written.IsCompletedSuccessfully ? watch.Written.Result : null;
    }
}
