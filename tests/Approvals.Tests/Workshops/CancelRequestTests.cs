using System.Text.Json;
using Approvals.Workshops;

namespace Approvals.Tests.Workshops;

public sealed class CancelRequestTests
{
    private static CancelRequest Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return CancelRequest.From(doc.RootElement);
    }

    [Fact]
    public void AReasonAndWhoCancelsAreReadTrimmed()
    {
        var request = Read("""{"reason": "  Venue unavailable ", "cancelledBy": " project.manager@iom.example.org "}""");

        Assert.Empty(request.Errors());
        Assert.Equal(("Venue unavailable", "project.manager@iom.example.org"), (request.TrimmedReason, request.Actor));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason": "   "}""")]
    [InlineData("""{"reason": 5}""")]
    [InlineData("""{"reason": {"text": "why"}}""")]
    [InlineData("[]")]
    [InlineData("\"Venue unavailable\"")]
    public void WithoutAStringReasonTheReasonIsRequired(string json)
    {
        var errors = Read(json).Errors();

        Assert.Equal(["Is required: say why the workshop is cancelled."], errors["reason"]);
    }

    [Fact]
    public void ATooLongReasonIsRefusedAndAMissingOrNonStringActorIsStaff()
    {
        var request = Read($$"""{"reason": "{{new string('x', 2001)}}", "cancelledBy": 7}""");

        Assert.Equal(["Must be at most 2000 characters."], request.Errors()["reason"]);
        Assert.Equal("staff", request.Actor);
    }
}
