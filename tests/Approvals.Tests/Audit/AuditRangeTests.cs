using Approvals.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Approvals.Tests.Audit;

/// <summary>How <c>from</c> and <c>to</c> of the period export are read: dates are whole UTC days, times carry their offset.</summary>
public sealed class AuditRangeTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero);

    static AuditRange Read(string? from, string? to)
    {
        var values = new Dictionary<string, StringValues>();
        if (from is not null) values["from"] = from;
        if (to is not null) values["to"] = to;
        var (range, error) = AuditRange.Read(new QueryCollection(values), Now);
        Assert.Null(error);
        return range!;
    }

    [Fact]
    public void DatesCoverWholeDaysSoNovemberIsFirstToThirtieth()
    {
        var november = Read("2026-11-01", "2026-11-30");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), november.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), november.To);
        Assert.Equal("audit-2026-11-01-to-2026-11-30.csv", november.FileName());
    }

    [Fact]
    public void ATimeWithAnOffsetIsReadInUtc()
    {
        var morning = Read("2026-11-30T08:00:00+08:00", "2026-11-30T12:00:00Z");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), morning.From);
        Assert.Equal(TimeSpan.Zero, morning.From.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), morning.To);
    }

    [Fact]
    public void WithoutBoundsItIsTheLastThirtyDaysUntilNow()
    {
        var recent = Read(null, null);

        Assert.Equal((Now - TimeSpan.FromDays(30), Now), (recent.From, recent.To));
    }

    [Theory]
    [InlineData("2026-11-30T08:00:00", null, "from")]
    [InlineData(null, "30/11/2026", "to")]
    [InlineData("2025-11-01", "2026-11-30", "to")]
    [InlineData("2026-11-30", "2026-11-29", "to")]
    public void ABadBoundNamesItsParameter(string? from, string? to, string parameter)
    {
        var values = new Dictionary<string, StringValues>();
        if (from is not null) values["from"] = from;
        if (to is not null) values["to"] = to;

        var (range, error) = AuditRange.Read(new QueryCollection(values), Now);

        Assert.Null(range);
        Assert.Equal(parameter, error?.Name);
        Assert.False(string.IsNullOrWhiteSpace(error?.ReasonZh));
    }
}
