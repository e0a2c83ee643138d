using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Storage;
using Azure.Data.Tables;
using Approvals.Workflow;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Links;

/// <summary>Slates at the sizes the rules allow reach the donor: long Chinese names, a thousand nominees by JSON and
/// by the form; sending the stored slate again records nothing.</summary>
[Collection(SharedServer.Workshops)]
public sealed class SlateSizeTests(AppServer server, ITestOutputHelper output)
{
    private const string Ministry = "MFA";

    /// <summary>A workshop in Nominations that invites <see cref="Ministry"/> with room for <paramref name="quota"/>, and
    /// the <paramref name="others"/> for one each.</summary>
    private async Task<string> InNominations(int quota, params string[] others)
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["capacity"] = quota + others.Length;
        proposal["invitations"] = new JsonArray([new JsonObject { ["ministry"] = Ministry, ["quota"] = quota },
            .. others.Select(o => new JsonObject { ["ministry"] = o, ["quota"] = 1 })]);
        var (id, submitted) = await server.SubmitAsync(proposal);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.Nominations } status && status.Pending.Count == 1 + others.Length);
        return id;
    }

    private static string Link(string id) =>
        $"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, Ministry, "focal.mfa@gov.example.cn")}";

    /// <summary>Chinese text of exactly <paramref name="length"/> characters, different for every <paramref name="seed"/>.</summary>
    private static string Chinese(int length, int seed) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)(0x4E00 + ((seed * 7919 + i * 31) % 20000))));

    private static List<(string Name, string NameZh, string Position, string Sex, string Email)> Nominees(int count, int nameLength = 200) =>
        Enumerable.Range(0, count)
            .Select(i => (Chinese(nameLength, i), Chinese(100, i + 5000), Chinese(200, i + 9000), i % 2 == 0 ? "female" : "male", $"official.{i}@mfa.example.cn"))
            .ToList();

    private static object Json(IEnumerable<(string Name, string NameZh, string Position, string Sex, string Email)> rows) =>
        new { nominees = rows.Select(r => new { name = r.Name, nameZh = r.NameZh, position = r.Position, sex = r.Sex, email = r.Email }) };

    private static FormUrlEncodedContent Form(IEnumerable<(string Name, string NameZh, string Position, string Sex, string Email)> rows) =>
        new(rows.SelectMany((r, i) => new[]
        {
            KeyValuePair.Create($"nominees[{i}].name", r.Name),
            KeyValuePair.Create($"nominees[{i}].nameZh", r.NameZh),
            KeyValuePair.Create($"nominees[{i}].position", r.Position),
            KeyValuePair.Create($"nominees[{i}].sex", r.Sex),
            KeyValuePair.Create($"nominees[{i}].email", r.Email),
        }));

    /// <summary>The rows stored for a workshop's slates, with their timestamps: a rewrite would change them.</summary>
    private static async Task<List<string>> NominationRowsAsync(string id)
    {
        var table = new TableClient(TestAzurite.ConnectionString, StorageNames.Nominations);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
        {
            rows.Add($"{row.RowKey}@{row.Timestamp:O}");
        }

        return rows;
    }

    [Fact]
    public async Task TwelveNomineesWithLongChineseNamesAndPositionsReachTheDonor()
    {
        var id = await InNominations(12);

        var sent = await server.Http.PostAsJsonAsync(Link(id), Json(Nominees(12)));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var donor = await server.WaitForStageAsync(id, Stage.DonorSignOff, seconds: 60);
        Assert.Equal(12, donor.Nominations.Total);
        var table = new TableClient(TestAzurite.ConnectionString, StorageNames.Nominations);
        var stored = new List<string?>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
        {
            stored.Add(row.GetString("Name"));
        }

        Assert.Contains(Chinese(200, 11), stored);
    }

    [Fact]
    public async Task AThousandNomineesSentAsJsonReachTheDonor()
    {
        var id = await InNominations(1000);
        var rows = Nominees(1000);

        var sent = await server.Http.PostAsJsonAsync(Link(id), Json(rows));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var donor = await server.WaitForStageAsync(id, Stage.DonorSignOff, seconds: 120);
        Assert.Equal(1000, donor.Nominations.Total);
        Assert.Equal((500, 500), (donor.Nominations.BySex["female"], donor.Nominations.BySex["male"]));
        output.WriteLine($"largest slate: 1000 nominees, {(await sent.RequestMessage!.Content!.ReadAsByteArrayAsync()).Length / 1024} KB of JSON");
    }

    [Fact]
    public async Task AThousandNomineesSentWithTheFormReachTheDonor()
    {
        var id = await InNominations(1000);
        var form = await server.Http.GetAsync(Link(id));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"nominees[999].email\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var sent = await server.Http.PostAsync(Link(id), Form(Nominees(1000)));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("1000 nominee(s)", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var donor = await server.WaitForStageAsync(id, Stage.DonorSignOff, seconds: 120);
        Assert.Equal(1000, donor.Nominations.Total);
    }

    [Fact]
    public async Task AFormWithMoreFieldsThanAThousandRowsIsRefusedWithAPageNotAnError()
    {
        var id = await InNominations(3);

        var sent = await server.Http.PostAsync(Link(id), Form(Nominees(1100, nameLength: 5)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sent.StatusCode);
        var page = await sent.Content.ReadAsStringAsync();
        Assert.Contains("The form is too large", page, StringComparison.Ordinal);
        Assert.Contains("表单过大", page, StringComparison.Ordinal);
        Assert.Equal(0, (await server.StatusAsync(id)).Nominations.Total);
    }

    [Fact]
    public async Task ANameOverItsLimitIsRefusedNamingTheFieldAndNothingIsRecorded()
    {
        var id = await InNominations(3);
        var rows = Nominees(3);
        rows[1] = rows[1] with { Name = Chinese(201, 1) };

        var sent = await server.Http.PostAsJsonAsync(Link(id), Json(rows));

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.True(AppServer.Problem(await sent.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("nominees[1].name", out _));
        await Task.Delay(1000);
        var status = await server.StatusAsync(id);
        Assert.Equal(0, status.Nominations.Total);
        Assert.DoesNotContain(status.History, h => h.Action == AuditActions.SlateReceivedViaLink);
    }

    [Fact]
    public async Task SendingTheStoredSlateAgainRecordsNothingAndSaysItIsUnchanged()
    {
        var id = await InNominations(3, "PFAO");
        var rows = Nominees(3, nameLength: 20);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Http.PostAsJsonAsync(Link(id), Json(rows))).StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).History.Any(h => h.Action == AuditActions.SlateAccepted));
        var before = await server.StatusAsync(id);
        var rowsBefore = await NominationRowsAsync(id);

        // The same list again: as JSON, with other spacing and the e-mail addresses in capitals, and from the form.
        var again = await server.Http.PostAsJsonAsync(Link(id), Json(rows.Select(r => r with { Name = $"  {r.Name} ", Email = r.Email.ToUpperInvariant() })));
        var fromForm = await server.Http.PostAsync(Link(id), Form(rows));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(AppServer.Problem(await again.Content.ReadAsStringAsync()).GetProperty("unchanged").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, fromForm.StatusCode);
        Assert.Contains("already recorded, unchanged", await fromForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(1500);
        var after = await server.StatusAsync(id);
        Assert.Equal(before.History.Count, after.History.Count);
        Assert.Equal(3, after.Nominations.Total);
        Assert.Equal(rowsBefore, await NominationRowsAsync(id));
        // Every slate the workflow takes is a line of the history: none was raised.
        Assert.Single(after.History, h => h.Action == AuditActions.SlateAccepted);

        // A changed list is a new slate.
        var changed = await server.Http.PostAsJsonAsync(Link(id), Json(rows.Take(2)));
        Assert.Equal(HttpStatusCode.Accepted, changed.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Nominations.Total == 2);
    }
}
