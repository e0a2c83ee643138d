using System.Text.Json;
using System.Text.RegularExpressions;
using Approvals.IntegrationTests.Functions;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Fuzz;

/// <summary>
/// Over a thousand malformed requests across every route the server maps (read from its own route table, so a new
/// route is fuzzed without anyone remembering to add it), against a real server on an emulator of its own with one
/// workshop waiting in review: no answer is a 5xx, every refusal is a problem+json or a bilingual page, and not one
/// table row is written.
/// </summary>
[Collection(nameof(FuzzStorage))]
public sealed partial class FuzzTests(OwnAzurite azurite, ServerRouteTable routes, ITestOutputHelper output) : IClassFixture<ServerRouteTable>
{
    const int Seed = 20261201;
    const int PerRoute = 70;

    [Fact]
    public async Task Malformed_requests_on_every_route_answer_4xx_in_a_readable_form_and_write_nothing()
    {
        // Limits high enough that the malformed requests reach the handlers (the limiter has tests of its own).
        var server = new AppServer(new Dictionary<string, string?>
        {
            ["Approvals__RateLimits__PerClient__Burst"] = "100000",
            ["Approvals__RateLimits__PerClient__PerMinute"] = "60000",
            ["Approvals__RateLimits__PerLink__Burst"] = "100000",
            ["Approvals__RateLimits__PerLink__PerMinute"] = "60000",
        }, azurite.ConnectionString);
        await server.InitializeAsync();
        try
        {
            await FuzzAsync(server);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    async Task FuzzAsync(AppServer server)
    {
        var (id, submitted) = await server.SubmitAsync();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, submitted.StatusCode);
        await server.WaitForStageAsync(id, Stage.InternalReview);
        var before = await QuietRowCountsAsync();

        string[] tokens =
        [
            AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 1, "someone@example.org"),
            AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 1, "MFA"),
            AppServer.Token(id, LinkPurpose.Decision, Stage.DonorSignOff, 1, "donor@example.org", lifetime: TimeSpan.FromSeconds(-5)),
        ];
        var generator = new MalformedRequests(Seed, id, tokens);
        var requests = routes.Routes.Where(r => r.Path != "/api/ping").SelectMany(r => generator.For(r, PerRoute)).ToList();

        var responses = new List<FuzzResponse>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            using var response = await SendAsync(server, request);
            var read = await FuzzResponse.ReadAsync(request, response);
            lock (responses) responses.Add(read);
        });

        var after = await QuietRowCountsAsync();
        var byClass = responses.GroupBy(r => r.Status / 100).OrderBy(g => g.Key).Select(g => $"{g.Key}xx: {g.Count()}");
        output.WriteLine($"Fuzz seed {Seed}: {responses.Count} requests over {routes.Routes.Count - 1} routes; {string.Join(", ", byClass)}");
        foreach (var status in responses.GroupBy(r => r.Status).OrderBy(g => g.Key)) output.WriteLine($"  {status.Key}: {status.Count()}");

        foreach (var kind in responses.Where(r => r.Status >= 400 && r.Request.Method != "HEAD" && !Readable(r))
            .GroupBy(r => $"{r.Status} {r.MediaType}")) output.WriteLine($"  unreadable {kind.Key}: {kind.Count()}, e.g. {kind.First()}");
        Assert.True(responses.Count >= 1000, $"only {responses.Count} requests generated");
        Assert.Empty(responses.Where(r => r.Status >= 500).Select(r => r.ToString()));
        Assert.Empty(responses.Where(r => r.Status is >= 400 and < 500 && r.Request.Method != "HEAD" && !Readable(r)).Select(r => r.ToString()));
        Assert.Equal(before, after);
    }

    /// <summary>Sends one request; a large body the server cut off while it was still being written (it had refused it
    /// by its length, and a loaded box let the client start writing anyway) is sent once more, as a client would.</summary>
    static async Task<HttpResponseMessage> SendAsync(AppServer server, FuzzRequest request)
    {
        try
        {
            using var message = request.ToMessage(AppServer.ApiKey);
            return await server.Http.SendAsync(message);
        }
        catch (HttpRequestException) when (request.Body?.Length > FuzzRequest.LargeBody)
        {
            using var again = request.ToMessage(AppServer.ApiKey);
            return await server.Http.SendAsync(again);
        }
    }

    /// <summary>A refusal a client can act on: problem+json with its status, or an HTML page in English and Chinese.</summary>
    static bool Readable(FuzzResponse response)
    {
        // Kestrel refuses a NUL in the path before any of the app runs, with an empty 400 no app code can word.
        if (response.Request.Path.Contains("%00", StringComparison.Ordinal)) return response.Status == 400;
        if (response.MediaType == "application/problem+json")
        {
            try
            {
                using var problem = JsonDocument.Parse(response.Body);
                return problem.RootElement.TryGetProperty("status", out var status) && status.GetInt32() == response.Status
                    && problem.RootElement.TryGetProperty("title", out _);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        return response.MediaType == "text/html" && Chinese().IsMatch(response.Body) && English().IsMatch(response.Body);
    }

    /// <summary>Every row in every table of the server's storage, by table, once two counts a few seconds apart agree
    /// (the submitted workshop's mails and steps have settled).</summary>
    async Task<string> QuietRowCountsAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var last = string.Empty;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var counts = new List<string>();
            await foreach (var table in service.QueryAsync())
            {
                var rows = 0;
                await foreach (var _ in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"])) rows++;
                counts.Add($"{table.Name}={rows}");
            }

            var now = string.Join(", ", counts.Order(StringComparer.Ordinal));
            if (now == last) return now;
            last = now;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        return last;
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"\b(the|not|is|was|link|request|found|allowed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();
}
