using Approvals.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Approvals.Tests.Reports;

public sealed class ReportQueryTests
{
    private static (ReportQuery?, Approvals.Status.InvalidParameter?) Read(string query) =>
        ReportQuery.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(k => k.Key, k => (StringValues)k.Value)));

    [Fact]
    public void APeriodIsTwoDaysBothIncludedAndCsvUnlessXlsxIsAsked()
    {
        Assert.Equal(new ReportQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), ReportFormat.Csv), Read("?from=2026-01-01&to=2026-12-31").Item1);
        Assert.Equal(ReportFormat.Xlsx, Read("?from=2026-01-01&to=2026-01-01&format=XLSX").Item1!.Format);
        Assert.Equal("participants-2026-01-01-to-2026-12-31.csv", Read("?from=2026-01-01&to=2026-12-31").Item1!.FileName());
    }

    [Theory]
    [InlineData("?to=2026-01-01", "from")]
    [InlineData("?from=2026-01-01", "to")]
    [InlineData("?from=01/02/2026&to=2026-03-01", "from")]
    [InlineData("?from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("?from=2026-03-01&to=2026-03-02&format=1", "format")]
    [InlineData("?from=2026-03-01&to=2026-03-02&format=pdf", "format")]
    public void ABadPeriodNamesItsParameter(string query, string parameter) => Assert.Equal(parameter, Read(query).Item2!.Name);
}
