using System.Diagnostics;

namespace Approvals.Testing;

/// <summary>Polls until what a user would see holds: the workflow, the queue worker and the processes the tests start
/// all move asynchronously after each request. The one polling loop of both test projects (linked into each).</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Probes until <paramref name="done"/> holds for what the probe returned, and returns that. A probe that
    /// throws ends the wait with its exception; running out of time throws a <see cref="TimeoutException"/> with
    /// <paramref name="failure"/>'s account of the last probe.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string>? failure = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var last = await probe();
            if (done(last)) return last;
            if (waited.Elapsed > timeout) throw new TimeoutException(failure?.Invoke(last) ?? $"Condition not met within {timeout}.");
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Probes until it finds something (not null) and returns it.</summary>
    public static async Task<T> Found<T>(Func<Task<T?>> probe, TimeSpan timeout, string failure, TimeSpan? interval = null) where T : class =>
        (await Until(probe, found => found is not null, timeout, _ => failure, interval))!;

    public static Task WaitFor(Func<Task<bool>> condition, int seconds = 30) =>
        Until(condition, met => met, TimeSpan.FromSeconds(seconds), _ => "Condition not met in time.");
}
