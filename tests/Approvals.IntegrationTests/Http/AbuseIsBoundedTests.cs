using System.Diagnostics;
using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Http;

/// <summary>A server with low limits behind a "proxy" it trusts (this test process on 127.0.0.1), so each test is a
/// client of its own through <c>X-Forwarded-For</c>.</summary>
[Collection(nameof(OwnServers))]
public sealed class AbuseIsBoundedTests(OwnAzurite azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int LinkBurst = 5;
    private const int ClientBurst = 30;
    private readonly AppServer server = new(new Dictionary<string, string?>
    {
        ["Approvals__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        ["Approvals__RateLimits__PerLink__Burst"] = $"{LinkBurst}",
        ["Approvals__RateLimits__PerLink__PerMinute"] = "1",
        ["Approvals__RateLimits__PerClient__Burst"] = $"{ClientBurst}",
        ["Approvals__RateLimits__PerClient__PerMinute"] = "1",
    }, azurite.ConnectionString);

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task AThousandPostsOfOneNominationLinkLeaveOnlyAFewAuditLinesAndEvents()
    {
        var id = await InNominations();
        var link = $"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, "MFA", "focal.mfa@gov.example.cn")}";
        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 1000; i++)
        {
            // A different slate every time, so only the limit (not the rule that an identical slate is no news) holds it.
            var response = await Send(HttpMethod.Post, link, "198.51.100.10", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["nominees[0].name"] = $"Official {i}",
                ["nominees[0].position"] = "Counsellor",
                ["nominees[0].sex"] = "female",
                ["nominees[0].email"] = $"official.{i}@mfa.example.cn",
            }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
            else response.Dispose();
        }

        // Past the limiter a slate may be kept (200), be still being checked (202) or be refused by the rules: all count.
        var accepted = statuses.Count(s => s != HttpStatusCode.TooManyRequests);
        var allowed = LinkBurst + (int)clock.Elapsed.TotalMinutes + 1;
        Assert.InRange(accepted, 1, allowed);
        Assert.Equal(1000 - accepted, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        using (refused)
        {
            Assert.NotNull(refused);
            Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.CacheControl?.NoStore, "A refused link page must not be stored.");
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Too many requests", page, StringComparison.Ordinal);
            Assert.Contains("请求过于频繁", page, StringComparison.Ordinal);
        }

        await Task.Delay(3000);
        await using var services = LibraryServices.Build(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        var received = (await services.GetRequiredService<AuditLog>().ListAsync(id)).Where(e => e.Action == AuditActions.SlateReceivedViaLink).ToList();
        Assert.InRange(received.Count, 1, accepted);
        Assert.All(received, e => Assert.Equal(("198.51.100.10", (string?)null), (e.ClientIp, e.ForwardedFor)));
        var history = new TableClient(azurite.ConnectionString, $"{server.Process.TaskHub}History");
        var raised = history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and EventType eq {"EventRaised"}"));
        var events = 0;
        await foreach (var _ in raised) events++;
        output.WriteLine($"1000 POSTs in {clock.Elapsed.TotalSeconds:0.0} s: {accepted} accepted, {received.Count} audit lines, {events} events raised");
        Assert.InRange(events, 0, accepted + 1); // + the approval that opened nominations
    }

    [Fact]
    public async Task OneClientTryingManyLinksIsHeldAtItsLimitWhileAnotherClientIsServed()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ClientBurst + 20; i++)
        {
            using var response = await Send(HttpMethod.Get, $"api/decisions/forged-token-{i}", "198.51.100.20");
            statuses.Add(response.StatusCode);
        }

        using var events = await Send(HttpMethod.Get, "api/events", "198.51.100.20");
        using var other = await Send(HttpMethod.Get, "api/decisions/forged-token-0", "198.51.100.21");

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.BadRequest), ClientBurst, ClientBurst + 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, events.StatusCode);
        Assert.Equal("application/problem+json", events.Content.Headers.ContentType?.MediaType);
        Assert.True(events.Headers.Contains("Retry-After"));
        Assert.Contains("Retry-After", await events.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string client, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", client);
        return await server.Http.SendAsync(request);
    }

    private async Task<string> InNominations()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Stage == Stage.Nominations);
        return id;
    }
}
