using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Faults;

/// <summary>Workshops carried to Published only through the server's HTTP API and its link pages, as the project
/// manager, two focal points and the donor would, each one driven on its own while faults strike the server. A call
/// that meets a server that is down is repeated until it answers (a person presses the button again); only what a page
/// answered 200 to counts as confirmed.</summary>
/// <param name="donorGate">Completes when the donor may decide (null: at once): a fault run that must strike a number
/// of times keeps its workshops in flight until it has.</param>
public sealed class Fleet(AppServer server, int size, TimeSpan deadline, Task? donorGate = null)
{
    public const string Manager = "project.manager@iom.example.org";
    public const string Donor = "programme.manager@eeas.example.eu";
    public static readonly (string Ministry, string FocalPoint)[] Ministries = [("MFA", "focal.mfa@gov.example.cn"), ("MOE", "focal.moe@gov.example.cn")];
    public const int NomineesPerMinistry = 2;

    private readonly string tag = Guid.NewGuid().ToString("N")[..8];
    private readonly DateTimeOffset until = DateTimeOffset.UtcNow + deadline;
    private readonly TaskCompletionSource decisionAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentBag<string> Ids { get; } = [];

    /// <summary>Decisions and slates a page answered 200, per workshop.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Confirmed { get; } = new();

    /// <summary>Pages answered 200 so far, over the whole fleet.</summary>
    public int Answers => Confirmed.Values.Sum(c => c.Count);

    /// <summary>Calls that met the server down and were repeated.</summary>
    public int Retries => retries;

    private int retries;

    /// <summary>Completes when the first decision page answered: the moment right after a decision to strike.</summary>
    public Task FirstDecisionAnswered => decisionAnswered.Task;

    public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, size).Select(RunOneAsync));

    public static IEnumerable<string> Nominees(int workshop, string tag) =>
        from m in Ministries from k in Enumerable.Range(0, NomineesPerMinistry) select $"n{k}.{m.Ministry}.w{workshop}.{tag}@gov.example.cn".ToLowerInvariant();

    public IEnumerable<string> AllNominees => Enumerable.Range(0, size).SelectMany(w => Nominees(w, tag));

    private async Task RunOneAsync(int index)
    {
        var id = await Persist(() => SubmitAsync(index));
        Confirmed[id] = [];
        Ids.Add(id);

        await WaitForOpenAsync(id, Stage.InternalReview);
        await DecideAsync(id, Stage.InternalReview, Manager);

        foreach (var (ministry, focal) in Ministries)
        {
            await WaitForOpenAsync(id, Stage.Nominations, ministry);
            var nominees = Nominees(index, tag).Where(n => n.Contains($".{ministry.ToLowerInvariant()}.", StringComparison.Ordinal)).ToList();
            var fields = nominees.SelectMany((email, i) => new[]
            {
                KeyValuePair.Create($"nominees[{i}].name", $"Official {i} {ministry}"),
                KeyValuePair.Create($"nominees[{i}].nameZh", $"官员{i}"),
                KeyValuePair.Create($"nominees[{i}].position", "Division Director"),
                KeyValuePair.Create($"nominees[{i}].sex", i % 2 == 0 ? "female" : "male"),
                KeyValuePair.Create($"nominees[{i}].email", email),
            }).ToList();
            var token = AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, focal);
            await PostUntilAnsweredAsync(id, $"api/nominations/{token}", fields, $"slate {ministry}");
        }

        await WaitForOpenAsync(id, Stage.DonorSignOff);
        if (donorGate is not null) await donorGate;
        await DecideAsync(id, Stage.DonorSignOff, Donor);
        await WaitForStageAsync(id, Stage.Published);
    }

    private async Task<string> SubmitAsync(int index)
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["capacity"] = Ministries.Length * NomineesPerMinistry;
        proposal["invitations"] = new JsonArray([.. Ministries.Select(m => new JsonObject { ["ministry"] = m.Ministry, ["quota"] = NomineesPerMinistry })]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/workshops")
        {
            Content = new StringContent(proposal.ToJsonString(), Encoding.UTF8, "application/json"),
        };

        // The same key on every try: a submit the crash cut off is answered with the workshop it started, never a second one.
        request.Headers.Add("Idempotency-Key", $"fleet-{tag}-{index}");
        using var response = await server.Http.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK)) throw new ServerDown($"submit answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private Task DecideAsync(string id, Stage stage, string party) =>
        PostUntilAnsweredAsync(id, $"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, stage, 0, party)}",
            [KeyValuePair.Create("decision", "approve"), KeyValuePair.Create("comment", string.Empty)], $"decision {stage}");

    private async Task PostUntilAnsweredAsync(string id, string path, List<KeyValuePair<string, string>> fields, string what)
    {
        var unsure = false;
        var confirmed = await Persist(async () =>
        {
            try
            {
                using var response = await server.Http.PostAsync(path, new FormUrlEncodedContent(fields));
                if (response.StatusCode == HttpStatusCode.OK) return true;

                // "We are checking it" (the workflow did not answer in time) promises nothing, so it is not counted as
                // confirmed; nor is "closed" after such an answer or a cut-off try — the earlier try may have closed it.
                if (response.StatusCode == HttpStatusCode.Accepted || (unsure && response.StatusCode == HttpStatusCode.Gone)) return false;
                unsure = true;
                throw new ServerDown($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                unsure = true;
                throw;
            }
        });
        if (!confirmed) return;
        Confirmed[id].Add(what);
        if (what.StartsWith("decision", StringComparison.Ordinal)) decisionAnswered.TrySetResult();
    }

    private Task WaitForOpenAsync(string id, Stage stage, string? party = null) =>
        WaitForAsync(id, s => s.Stage == stage && s.Pending.Any(p => party is null || p.Party == party), $"{stage} open{(party is null ? "" : $" to {party}")}");

    public Task<WorkshopStatus> WaitForStageAsync(string id, Stage stage) => WaitForAsync(id, s => s.Stage == stage, $"{stage}");

    private async Task<WorkshopStatus> WaitForAsync(string id, Func<WorkshopStatus, bool> done, string what)
    {
        WorkshopStatus? last = null;
        while (true)
        {
            last = await Persist(() => server.StatusAsync(id));
            if (done(last)) return last;
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"{id} not at {what} by the deadline; it is at {last.Stage}: " +
                    string.Join(" → ", last.History.Select(h => $"{h.Stage}/{h.Action}")) + Environment.NewLine + server.Process.Output());
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Repeats a call while the server is down or restarting, up to the fleet's deadline.</summary>
    private async Task<T> Persist<T>(Func<Task<T>> call)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ServerDown && DateTimeOffset.UtcNow < until)
            {
                Interlocked.Increment(ref retries);
                await Task.Delay(500);
            }
        }
    }

    private sealed class ServerDown(string message) : Exception(message);
}
