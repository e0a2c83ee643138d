using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Approvals.Tests.Status;

public sealed class WorkshopListQueryTests
{
    private static WorkshopListQueryReading Read(string query) =>
        WorkshopListQuery.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(p => p.Key, p => (StringValues)p.Value)));

    [Fact]
    public void StageOverdueAndTokenAreReadAndAllAreOptional()
    {
        Assert.Equal(new WorkshopListQuery(new WorkshopFilter(Stage.InternalReview, true), "a b"), Read("?stage=internalreview&overdue=True&continuationToken=a%20b").Query);
        Assert.Equal(new WorkshopListQuery(new WorkshopFilter(), null), Read("").Query);
    }

    [Fact]
    public void StuckDatesAndTitleWordsAreReadAndAnEmptyFormFieldIsNoFilter()
    {
        Assert.Equal(
            new WorkshopFilter(null, false, true, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "migration law"),
            Read("?stuck=true&from=2026-11-01&to=2026-11-30&q=+migration+law+").Query!.Filter);
        Assert.True(Read("?stage=&overdue=&stuck=&from=&to=&q=").Query!.Filter.IsEmpty);
    }

    [Theory]
    [InlineData("?stage=Nowhere", "stage", "Unknown stage 'Nowhere'")]
    [InlineData("?stage=3", "stage", "Unknown stage '3'")]
    [InlineData("?overdue=yes", "overdue", "Must be true or false.")]
    [InlineData("?stuck=1", "stuck", "Must be true or false.")]
    [InlineData("?from=01/11/2026", "from", "Must be a date as yyyy-MM-dd.")]
    [InlineData("?to=2026-02-30", "to", "Must be a date as yyyy-MM-dd.")]
    [InlineData("?from=2026-12-01&to=2026-11-01", "to", "Is before 'from'.")]
    public void AWrongParameterIsNamedWithTheReason(string query, string parameter, string reason)
    {
        var error = Read(query).Error!;

        Assert.Equal(parameter, error.Name);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(error.ReasonZh);
    }
}
