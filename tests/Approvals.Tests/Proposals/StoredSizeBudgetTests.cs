using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Workflow;
using Approvals.Workshops;

namespace Approvals.Tests.Proposals;

/// <summary>What is stored fits where it is stored: a Table property holds 32,767 UTF-16 characters.</summary>
public sealed class StoredSizeBudgetTests
{
    private const int TablePropertyChars = 32 * 1024 - 1;

    /// <summary>A text whose stored form is exactly its field's budget: quotes are written as <c>\"</c>.</summary>
    private static string AtBudget(int max) => new('"', max);

    private static ProposalReading Read(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Builders.SampleJson("proposal.json"))!.AsObject();
        change(json);
        using var doc = JsonDocument.Parse(json.ToJsonString());
        return ProposalReader.Read(doc.RootElement, Builders.Directory(), Builders.Today);
    }

    [Fact]
    public void StoredJsonKeepsChineseAsCharactersAndPagesStillGetEscapedJson()
    {
        Assert.Equal("\"国际移民法\"", Json.Store("国际移民法"));
        Assert.Equal(5, Json.StoredLength("国际移民法"));
        Assert.Contains("\\u56FD", Json.Serialize("国"), StringComparison.Ordinal); // what reaches clients stays escaped
        Assert.DoesNotContain("<", Json.Serialize("<script>"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheLargestProposalTheBudgetsAllowFitsOneTableProperty()
    {
        var text = AtBudget(ProposalReader.MaxText);
        var summary = AtBudget(ProposalReader.MaxSummary);
        var largest = new Proposal(text, text, summary, summary, new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), text, text,
            Enumerable.Repeat(text, ProposalReader.MaxPartners).ToList(), new string('a', 64) + "@" + new string('b', 185) + ".org",
            ProposalReader.MaxCapacity, 999_999_999.999999999999999999m, text,
            Enumerable.Range(0, ProposalReader.MaxInvitations).Select(i => new Invitation(new string('M', 18) + $"{i:D2}", ProposalReader.MaxCapacity)).ToList());

        var stored = Json.Store(largest).Length;

        Assert.True(stored <= ProposalReader.MaxStoredLength, $"{stored} characters");
        Assert.True(ProposalReader.MaxStoredLength < TablePropertyChars);
        Assert.True(Read(j =>
        {
            foreach (var field in new[] { "title", "titleZh", "venue", "organizer", "fundingInstrument" }) j[field] = text;
            j["summary"] = summary;
            j["summaryZh"] = summary;
            j["partners"] = new JsonArray(Enumerable.Repeat(text, ProposalReader.MaxPartners).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        }).IsValid, "every field at its budget is accepted");
    }

    [Fact]
    public void ASummaryOfFourThousandChineseCharactersIsAcceptedAndStoredAtItsLength()
    {
        var chinese = string.Concat(Enumerable.Range(0, ProposalReader.MaxSummary).Select(i => (char)(0x4E00 + i)));

        var reading = Read(j => j["summaryZh"] = chinese);

        Assert.True(reading.IsValid, string.Join(" ", reading.Errors.SelectMany(e => e.Value)));
        Assert.Equal(ProposalReader.MaxSummary, Json.StoredLength(reading.Proposal!.SummaryZh!));
    }

    [Fact]
    public void TextThatGrowsPastItsBudgetWhenStoredIsRefusedNamingTheField()
    {
        var emoji = string.Concat(Enumerable.Repeat("🌏", 1000)); // 2,000 UTF-16 characters, 12,000 once stored

        var reading = Read(j =>
        {
            j["summary"] = emoji;
            j["partners"] = new JsonArray(JsonValue.Create(string.Concat(Enumerable.Repeat("🌏", 100))));
        });

        Assert.False(reading.IsValid);
        Assert.Contains("once stored", string.Join(" ", reading.Errors["summary"]), StringComparison.Ordinal);
        Assert.Contains("once stored", string.Join(" ", reading.Errors["partners[0]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void AFortyThousandCharacterCancelledByIsRefused()
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(new { reason = "Venue closed", cancelledBy = new string('x', 40_000) }));

        var errors = CancelRequest.From(doc.RootElement).Errors();

        Assert.Equal([$"Must be at most {CancelRequest.MaxActorLength} characters (a name or an email address)."], errors["cancelledBy"]);
    }

    [Fact]
    public void AuditFieldsFromTheRequestAreClippedSoTheLineAlwaysFits()
    {
        var entry = new AuditEntry("id", DateTimeOffset.UtcNow, Stage.InternalReview, "Approved", new string('a', 40_000),
            string.Concat(Enumerable.Repeat("🌏", 20_000)), "token", "link", new string('1', 500), new string('u', 40_000));

        var row = AuditRow.From("ws-1", entry);
        var kept = row.ToEntry();

        Assert.True(row.Entry.Length < TablePropertyChars, $"{row.Entry.Length} characters");
        Assert.Equal((AuditRow.MaxActor, AuditRow.MaxClientIp, AuditRow.MaxUserAgent), (kept.Actor.Length, kept.ClientIp!.Length, kept.UserAgent!.Length));
        Assert.InRange(kept.Comment!.Length, AuditRow.MaxComment - 1, AuditRow.MaxComment);
        Assert.EndsWith("…", kept.UserAgent, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(kept.Comment[^2]));
    }
}
