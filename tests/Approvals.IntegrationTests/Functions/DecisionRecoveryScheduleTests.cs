using System.Globalization;
using Approvals.Functions.Timers;
using Approvals.Links;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The timer trigger needs its schedule as a constant string; it must say what the server's loop does.</summary>
public sealed class DecisionRecoveryScheduleTests
{
    [Fact]
    public void TheTimerFunctionRecoversDecisionsAsOftenAsTheServer()
    {
        Assert.True(DecisionRecovery.Interval < TimeSpan.FromMinutes(1) && DecisionRecovery.Interval.Milliseconds == 0,
            "an NCRONTAB seconds step holds whole seconds under a minute");
        Assert.Equal(DecisionRecoveryFunctions.Schedule, string.Create(CultureInfo.InvariantCulture, $"*/{DecisionRecovery.Interval.Seconds} * * * * *"));
    }
}
