using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Links;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>The real server with the app's API key, plus helpers that speak its HTTP API as staff and managers do.
/// Made with no arguments (as a collection fixture) it is a handle on the one shared server with default settings on
/// <see cref="TestAzurite"/>, started by the first handle and stopped with the last, so collections that run in
/// parallel share it.</summary>
public sealed class AppServer : IAsyncLifetime
{
    public const string ApiKey = "integration-test-key";

    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static ServerProcess? shared;
    private static int sharedHandles;

    private readonly Dictionary<string, string?>? environment;
    private readonly string? storage;

    public AppServer()
    {
    }

    /// <summary>A server of its own.</summary>
    /// <param name="storage">A connection string; by default the shared <see cref="TestAzurite"/>.</param>
    internal AppServer(Dictionary<string, string?> environment, string? storage = null)
    {
        this.environment = environment;
        this.storage = storage;
    }

    public static readonly byte[] SigningKey = Encoding.UTF8.GetBytes("integration-tests-signing-key-32-bytes!!");

    public ServerProcess Process { get; private set; } = null!;

    /// <summary>Mints a link exactly as the server's mails would carry it (same key).</summary>
    public static string Token(string workshopId, LinkPurpose purpose, Stage stage, int round, string party, string? recipient = null, TimeSpan? lifetime = null) =>
        new LinkTokens(SigningKey, TimeProvider.System).Issue(new LinkClaims(workshopId, purpose, stage, round, party, recipient ?? party,
            (DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromDays(21))).ToUnixTimeSeconds()));

    public HttpClient Http => Process.Http;

    public async Task InitializeAsync() =>
        Process = environment is null ? await AcquireSharedAsync() : await StartAsync(environment, storage);

    public async Task DisposeAsync()
    {
        if (environment is not null)
        {
            await Process.DisposeAsync();
            return;
        }

        await SharedGate.WaitAsync();
        try
        {
            if (--sharedHandles == 0)
            {
                await shared!.DisposeAsync();
                shared = null;
            }
        }
        finally
        {
            SharedGate.Release();
        }
    }

    private static async Task<ServerProcess> AcquireSharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            // Every test reaches the shared server from 127.0.0.1, so one client's limit would be all collections' at
            // once; the per-link limits stay as shipped, and AbuseIsBoundedTests checks both on a server of its own.
            shared ??= await StartAsync(new Dictionary<string, string?>
            {
                ["Approvals__RateLimits__PerClient__Burst"] = "100000",
                ["Approvals__RateLimits__PerClient__PerMinute"] = "60000",
            }, null);
            sharedHandles++;
            return shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    private static async Task<ServerProcess> StartAsync(Dictionary<string, string?> environment, string? storage)
    {
        var server = await ServerProcess.StartAsync(new Dictionary<string, string?>(environment)
        {
            ["Approvals__ApiKeys__0"] = ApiKey,
            ["Approvals__SigningKey"] = Convert.ToBase64String(SigningKey),
        }, storage: storage);
        server.Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        return server;
    }

    public static JsonObject ReferenceProposal() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "proposal.json")))!.AsObject();

    public async Task<(string Id, HttpResponseMessage Response)> SubmitAsync(JsonObject? proposal = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/workshops")
        {
            Content = new StringContent((proposal ?? ReferenceProposal()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = body?["id"]?.GetValue<string>() ?? string.Empty;

        // The tests raise events straight after; one raised to a workflow still pending can be discarded by the storage
        // provider (people cannot: their links come from the running workflow's mails).
        if (response.StatusCode == System.Net.HttpStatusCode.Accepted) await Process.DurableClient.WaitUntilStartedAsync(id);
        return (id, response);
    }

    public async Task<WorkshopStatus> StatusAsync(string id)
    {
        var response = await Http.GetAsync($"api/workshops/{id}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WorkshopStatus>(Json.Options))!;
    }

    /// <summary>The mails of one workshop in the server's local mailbox, newest first.</summary>
    public async Task<List<MailboxMessage>> MailsAsync(string workshopId) =>
        (await Http.GetFromJsonAsync<List<MailboxMessage>>("dev/mailbox/messages", Json.Options))!
            .Where(m => m.WorkshopId == workshopId).ToList();

    /// <summary>Polls <c>GET /api/workshops/{id}</c> until the stage shows (what a manager would see).</summary>
    public Task<WorkshopStatus> WaitForStageAsync(string id, Stage stage, int seconds = 30) =>
        Eventually.Until(() => StatusAsync(id), last => last.Stage == stage, TimeSpan.FromSeconds(seconds),
            last => $"{id} did not reach {stage} in {seconds}s; it is at {last.Stage}. History: " +
                string.Join(" → ", last.History.Select(h => $"{h.Stage}/{h.Action}")) + Environment.NewLine + Process.Output());

    public static JsonElement Problem(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A ministry's focal point sends a list of one official through the nomination page's form.</summary>
    public Task<HttpResponseMessage> NominateOneAsync(string id, string ministry) =>
        Http.PostAsync($"api/nominations/{Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn")}",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["nominees[0].name"] = $"Official of {ministry}",
                ["nominees[0].nameZh"] = "官员",
                ["nominees[0].position"] = "Division Director",
                ["nominees[0].sex"] = "female",
                ["nominees[0].email"] = $"official@{ministry.ToLowerInvariant()}.example.cn",
            }));
}
