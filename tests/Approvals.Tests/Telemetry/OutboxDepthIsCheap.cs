using Approvals.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Tests.Telemetry;

/// <summary>The outbox gauge is collected as often as the exporter likes; storage is asked at most every 30 s.</summary>
public sealed class OutboxDepthIsCheap
{
    [Fact]
    public async Task CollectionsWithinTheMaxAgeShareOneRead()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var reading = new CachedReading(_ => Task.FromResult((long)(10 * ++reads)), ApprovalsMetrics.OutboxDepthMaxAge, time);

        Assert.Null(reading.Current());
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(10, reading.Current());
        }

        Assert.Equal(1, reads);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(20, await Settled(reading));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task AFailedReadKeepsTheLastValueAndWaitsItsTurn()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var reading = new CachedReading(_ => ++reads == 1 ? Task.FromResult(7L) : throw new TimeoutException(), ApprovalsMetrics.OutboxDepthMaxAge, time);
        Assert.Equal(7, await Settled(reading));

        time.Advance(ApprovalsMetrics.OutboxDepthMaxAge);
        Assert.Equal(7, reading.Current());
        Assert.Equal(7, reading.Current());

        Assert.Equal(2, reads);
    }

    /// <summary>The value once the read this collection starts has answered (the read runs in the background).</summary>
    private static async Task<long?> Settled(CachedReading reading)
    {
        var before = reading.Current();
        for (var i = 0; i < 100 && reading.Current() == before; i++) await Task.Delay(10);
        return reading.Current();
    }
}
