using Approvals.Functions.Timers;
using Approvals.Retention;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The purge timer's schedule is a constant string; it must say what the server's loop does by default.</summary>
public sealed class HistoryPurgeScheduleTests
{
    [Fact]
    public void TheTimerFunctionPurgesAsOftenAsTheServerByDefault()
    {
        Assert.Equal(TimeSpan.FromHours(1), HistoryPurge.Interval);
        Assert.Equal("0 0 * * * *", HistoryPurgeFunctions.Schedule);
        Assert.Equal(HistoryPurge.Interval, new ApprovalsOptions().PurgeInterval);
        Assert.Equal(TimeSpan.FromDays(90), new ApprovalsOptions().PurgeAfter);
    }
}
