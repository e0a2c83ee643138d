using System.Diagnostics;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

public sealed class PollingTests
{
    [Fact]
    public async Task AnAnswerThatTakesThreeSecondsIsAskedForAFewTimesNotThirty()
    {
        var clock = Stopwatch.StartNew();
        var looks = new List<TimeSpan>();
        var done = await Polling.UntilAsync(() =>
        {
            looks.Add(clock.Elapsed);
            return Task.FromResult(clock.Elapsed > TimeSpan.FromSeconds(3));
        }, TimeSpan.FromSeconds(20), default);

        Assert.True(done);
        // At the old fixed 100 ms it was about 30 reads of the workflow's status.
        Assert.InRange(looks.Count, 3, 14);
        // The first looks come quickly (an idle workflow answers within a few hundred ms): five in the first second on
        // its schedule (0, 50, 150, 350, 750 ms), at least three when the machine is busy (a full test run saw 1, 195, 643).
        Assert.True(looks.Count(t => t < TimeSpan.FromSeconds(1)) >= 3, string.Join(", ", looks.Select(t => $"{t.TotalMilliseconds:F0}")));
    }

    [Fact]
    public async Task ItGivesUpAtItsPatience()
    {
        var clock = Stopwatch.StartNew();
        var done = await Polling.UntilAsync(() => Task.FromResult(false), TimeSpan.FromSeconds(1.2), default);

        Assert.False(done);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.2));
    }
}
