using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Proposals;

namespace Approvals.Tests.Proposals;

public sealed class ProposalValidationTests
{
    private static ProposalReading Read(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Builders.SampleJson("proposal.json"))!.AsObject();
        change(json);
        using var doc = JsonDocument.Parse(json.ToJsonString());
        return ProposalReader.Read(doc.RootElement, Builders.Directory(), Builders.Today);
    }

    [Fact]
    public void TheReferenceWorkshopIsValid()
    {
        var reading = Read(_ => { });

        Assert.True(reading.IsValid);
        Assert.Equal(51, reading.Proposal!.Capacity);
        Assert.Equal(8, reading.Proposal.Invitations.Count);
        Assert.Equal("国际移民法与国际标准", reading.Proposal.TitleZh);
    }

    [Theory]
    [InlineData("title", "Law", "title", "at least 5")]
    [InlineData("startDate", "2026-11-28", "startDate", "past")]
    [InlineData("startDate", "02/03/2027", "startDate", "ISO date")]
    [InlineData("endDate", "2027-03-01", "endDate", "on or after startDate")]
    [InlineData("submittedBy", "not-an-email", "submittedBy", "email")]
    [InlineData("venue", "", "venue", "empty")]
    public void ABadTextFieldIsNamedWithItsReason(string field, string value, string errorField, string reason)
    {
        var reading = Read(j => j[field] = value);

        Assert.False(reading.IsValid);
        Assert.Contains(reason, string.Join(" ", reading.Errors[errorField]), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EveryBadFieldIsReportedAtOnce()
    {
        var reading = Read(j =>
        {
            j.Remove("title");
            j["capacity"] = 0;
            j["budgetEur"] = -5;
            j["invitations"] = new JsonArray(new JsonObject { ["ministry"] = "XYZ", ["quota"] = 3 });
        });

        Assert.Equal(["budgetEur", "capacity", "invitations[0].ministry", "title"], reading.Errors.Keys.Order());
        Assert.Contains("Unknown ministry 'XYZ'", reading.Errors["invitations[0].ministry"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypesAreExplainedNotThrown()
    {
        var reading = Read(j =>
        {
            j["capacity"] = "fifty";
            j["title"] = 42;
            j["partners"] = "ILO";
            j["invitations"] = new JsonObject();
        });

        Assert.Contains("not a string", reading.Errors["capacity"][0], StringComparison.Ordinal);
        Assert.Contains("not a number", reading.Errors["title"][0], StringComparison.Ordinal);
        Assert.Contains("array", reading.Errors["partners"][0], StringComparison.Ordinal);
        Assert.Contains("array", reading.Errors["invitations"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void InvitationsMustBeUniqueWithinCapacityAndKnown()
    {
        var reading = Read(j => j["invitations"] = new JsonArray(
            new JsonObject { ["ministry"] = "MFA", ["quota"] = 40 },
            new JsonObject { ["ministry"] = "mfa", ["quota"] = 5 },
            new JsonObject { ["ministry"] = "MOE", ["quota"] = 60 },
            new JsonObject { ["ministry"] = "MOFCOM", ["quota"] = 20 }));

        Assert.Contains("invited twice", reading.Errors["invitations[1].ministry"][0], StringComparison.Ordinal);
        Assert.Contains("between 1 and 51", reading.Errors["invitations[2].quota"][0], StringComparison.Ordinal);
        Assert.Contains("Quotas add up to 60, more than the capacity of 51", reading.Errors["invitations"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanFiftyInvitationsAreRefused()
    {
        var reading = Read(j => j["invitations"] = new JsonArray(Enumerable.Range(0, 51).Select(_ => (JsonNode)new JsonObject { ["ministry"] = "MFA", ["quota"] = 1 }).ToArray()));

        Assert.Contains("between 1 and 50", reading.Errors["invitations"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFieldIsReportedSoTyposAreNotSilentlyDropped()
    {
        var reading = Read(j => j["startdate"] = "2027-03-02");

        Assert.Equal(["Unknown field."], reading.Errors["startdate"]);
    }

    [Fact]
    public void ABodyThatIsNotAnObjectIsRefused()
    {
        using var doc = JsonDocument.Parse("[1,2]");

        var reading = ProposalReader.Read(doc.RootElement, Builders.Directory(), Builders.Today);

        Assert.Contains("$", reading.Errors.Keys);
    }
}
