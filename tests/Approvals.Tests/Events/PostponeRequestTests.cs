using System.Text.Json;
using Approvals.Events;

namespace Approvals.Tests.Events;

public sealed class PostponeRequestTests
{
    private static readonly Schedule Current = new(new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), "Beijing");
    private static readonly DateOnly Today = new(2027, 1, 10);

    private static (PostponeRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Read(string json) =>
        PostponeRequest.Read(JsonDocument.Parse(json).RootElement, Current, Today);

    [Fact]
    public void NewDatesKeepTheVenueAndStaffIsTheActorWhenNotSaid()
    {
        var (request, errors) = Read("""{"startDate":"2027-04-06","endDate":"2027-04-07","reason":" The trainer is ill. "}""");

        Assert.Empty(errors);
        Assert.Equal(new PostponeRequest(new Schedule(new DateOnly(2027, 4, 6), new DateOnly(2027, 4, 7), "Beijing"), "The trainer is ill.", "staff"), request);
    }

    [Theory]
    [InlineData("""{"endDate":"2027-04-07","reason":"x"}""", "startDate", "Is required.")]
    [InlineData("""{"startDate":"2027-01-09","endDate":"2027-04-07","reason":"x"}""", "startDate", "Must not be in the past")]
    [InlineData("""{"startDate":"2027-04-06","endDate":"2027-04-05","reason":"x"}""", "endDate", "Must be on or after startDate.")]
    [InlineData("""{"startDate":"6/4/2027","endDate":"2027-04-07","reason":"x"}""", "startDate", "ISO date")]
    [InlineData("""{"startDate":"2027-04-06","endDate":"2027-04-07"}""", "reason", "Is required.")]
    [InlineData("""{"startDate":"2027-04-06","endDate":"2027-04-07","reason":"x","venue":"B"}""", "venue", "at least 2")]
    [InlineData("""{"startDate":"2027-04-06","endDate":"2027-04-07","reason":"x","room":"B"}""", "room", "Unknown field.")]
    [InlineData("""{"startDate":"2027-03-02","endDate":"2027-03-03","reason":"x"}""", "startDate", "already takes place on these dates")]
    [InlineData("""{"startDate":"2027-04-06","endDate":"2027-04-07","reason":"x","postponedBy":"a\u0007b"}""", "postponedBy", "control characters")]
    public void AWrongFieldIsNamedWithTheReason(string json, string field, string reason)
    {
        var (request, errors) = Read(json);

        Assert.Null(request);
        Assert.Contains(errors[field], m => m.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void AnOverlongReasonIsRefused()
    {
        var (_, errors) = Read($$"""{"startDate":"2027-04-06","endDate":"2027-04-07","reason":"{{new string('x', 2001)}}"}""");

        Assert.Contains(errors["reason"], m => m.Contains("at most 2000", StringComparison.Ordinal));
    }

    [Fact]
    public void AReasonWhoseBytesAreNotUtf8IsNamedNotAServerError()
    {
        byte[] body = [.. "{\"startDate\":\"2027-04-06\",\"endDate\":\"2027-04-07\",\"reason\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var (request, errors) = PostponeRequest.Read(JsonDocument.Parse(body).RootElement, Current, Today);

        Assert.Null(request);
        Assert.Equal(["Must be valid UTF-8 text."], errors["reason"]);
    }

    [Fact]
    public void ANewVenueAloneOnTheSameDatesIsAChange()
    {
        var (request, errors) = Read("""{"startDate":"2027-03-02","endDate":"2027-03-03","venue":"Shanghai","reason":"Venue closed"}""");

        Assert.Empty(errors);
        Assert.Equal("Shanghai", request!.Schedule.Venue);
    }
}
