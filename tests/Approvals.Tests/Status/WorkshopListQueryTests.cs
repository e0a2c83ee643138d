using Approvals.Status;
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
        Assert.Equal(new WorkshopListQuery(Stage.InternalReview, true, "a b"), Read("?stage=internalreview&overdue=True&continuationToken=a%20b").Query);
        Assert.Equal(new WorkshopListQuery(null, false, null), Read("").Query);
    }

    [Theory]
    [InlineData("?stage=Nowhere", "stage", "Unknown stage 'Nowhere'")]
    [InlineData("?stage=3", "stage", "Unknown stage '3'")]
    [InlineData("?overdue=yes", "overdue", "Must be true or false.")]
    public void AWrongParameterIsNamedWithTheReason(string query, string parameter, string reason)
    {
        var error = Read(query).Error!;

        Assert.Equal(parameter, error.Name);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(error.ReasonZh);
    }
}
