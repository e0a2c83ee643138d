namespace Approvals.Telemetry;

/// <summary>A number read from storage for an observable gauge: a collection gets the last value read and, when that
/// is older than <paramref name="maxAge"/>, starts one read in the background. However often the metrics are
/// collected, storage is asked at most once per <paramref name="maxAge"/>, and a collection never waits on it.</summary>
internal sealed class CachedReading(Func<CancellationToken, Task<long>> read, TimeSpan maxAge, TimeProvider time)
{
    private readonly Lock gate = new();
    private long? value;
    private DateTimeOffset? askedAt;
    private bool reading;

    /// <summary>The last value read, or null before the first read has answered.</summary>
    public long? Current()
    {
        long? last;
        bool ask;
        lock (gate)
        {
            var now = time.GetUtcNow();
            ask = !reading && (askedAt is null || now - askedAt >= maxAge);
            if (ask)
            {
                // A read that fails waits its turn too: a storage outage must not turn every collection into a request.
                askedAt = now;
                reading = true;
            }

            last = value;
        }

        if (ask) _ = RefreshAsync();
        return last;
    }

    private async Task RefreshAsync()
    {
        long? fresh = null;
        try
        {
            using var timeout = new CancellationTokenSource(maxAge);
            fresh = await read(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The gauge keeps its last value; the health check reports an outbox that does not answer.
        }
        finally
        {
            lock (gate)
            {
                value = fresh ?? value;
                reading = false;
            }
        }
    }
}
