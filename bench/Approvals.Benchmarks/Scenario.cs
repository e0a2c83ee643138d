using System.Collections.Concurrent;
using System.Diagnostics;
using Approvals.Server.Azurite;
using Approvals.Workflow;

namespace Approvals.Benchmarks;

/// <summary>One way of running the app: the repository's host.json or another one, one server or two on one task hub.</summary>
public sealed record Variant(string Name, string? HostJson, bool TwoServers);

/// <summary>
/// One variant end to end on a fresh in-memory Azurite, a fresh mail sink and fresh server process(es):
/// (1) N reference workshops submitted, until every review mail is out; (2) review decisions at a fixed click rate with
/// the rest still in flight, each timed until the status shows the next stage and until the first nomination mail;
/// (3) whole lifecycles, a few at a time, driven by mail alone, with the storage requests and emulator CPU they cost.
/// </summary>
public sealed class Scenario(BenchOptions options, Variant variant, Progress progress)
{
    private static readonly string SigningKey = Convert.ToBase64String("approvals-benchmark-signing-key-32-bytes!"u8.ToArray());
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public async Task<VariantResult> RunAsync()
    {
        var ports = FreePorts.Get(4);
        using var azurite = AzuriteProcess.Start(new AzuriteOptions
        {
            BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2], Location = null,
            RepositoryRoot = BenchServer.RepositoryRoot(), StopGracePeriod = TimeSpan.FromSeconds(1),
        });
        await using var sink = new MailSink(ports[3], clock);
        var hub = $"Bench{Guid.NewGuid():N}"[..16];
        progress.Say(variant.Name, "starting the server" + (variant.TwoServers ? "s" : ""));
        await using var clicks = await BenchServer.StartAsync(azurite.ConnectionString, hub, sink.Port, SigningKey, variant.HostJson);
        await using var second = variant.TwoServers
            ? await BenchServer.StartAsync(azurite.ConnectionString, hub, sink.Port, SigningKey, variant.HostJson, clicks.BaseAddress)
            : null;
        var servers = second is null ? new[] { clicks } : [clicks, second];
        var status = second ?? clicks;
        using var browser = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var people = new People(clicks.Http, browser, clock);
        var result = new VariantResult { Name = variant.Name, Workshops = options.Workshops };

        var ids = await Busy(azurite.ProcessId, () => SubmitAsync(people, sink, result), b => result.EmulatorBusy["submissions"] = b);
        await Busy(azurite.ProcessId, async () => { await ClickAsync(people, status.Http, sink, ids, result); return 0; }, b => result.EmulatorBusy["clicks"] = b);

        var storageBefore = await CountsAsync(servers);
        var cpuBefore = ProcStats.CpuSeconds(azurite.ProcessId);
        var serverCpuBefore = servers.Sum(s => ProcStats.CpuSeconds(s.ProcessId));
        var benchCpuBefore = Environment.CpuUsage.TotalTime.TotalSeconds;
        await Busy(azurite.ProcessId, async () => { await LifecyclesAsync(people, sink, result); return 0; }, b => result.EmulatorBusy["lifecycles"] = b);
        var storageAfter = await CountsAsync(servers);
        result.EmulatorCpuPerLifecycleSeconds = (ProcStats.CpuSeconds(azurite.ProcessId) - cpuBefore) / options.Lifecycles;
        result.ServerCpuPerLifecycleSeconds = (servers.Sum(s => ProcStats.CpuSeconds(s.ProcessId)) - serverCpuBefore) / options.Lifecycles;
        result.BenchmarkCpuPerLifecycleSeconds = (Environment.CpuUsage.TotalTime.TotalSeconds - benchCpuBefore) / options.Lifecycles;
        var perLifecycle = Breakdown(storageBefore, storageAfter, hub, options.Lifecycles);
        result.StoragePerLifecycle = perLifecycle.Where(p => !p.Key.Contains(' ', StringComparison.Ordinal)).ToDictionary();
        result.StorageOperationsPerLifecycle = perLifecycle.Where(p => p.Key.Contains(' ', StringComparison.Ordinal) && !p.Key.Contains(" <- ", StringComparison.Ordinal)).ToDictionary();
        result.StorageOriginsPerLifecycle = perLifecycle.Where(p => p.Key.Contains(" <- ", StringComparison.Ordinal)).ToDictionary();
        result.EmulatorCpuTotalSeconds = ProcStats.CpuSeconds(azurite.ProcessId);
        result.HistoryRowsStored = await RowsAsync(azurite.ConnectionString, $"{hub}History");
        result.ServerRssMiB = servers.Select(s => s.Memory()).Select(m => Math.Round(m.Now)).ToList();
        result.ServerPeakRssMiB = servers.Select(s => s.Memory()).Select(m => Math.Round(m.Peak)).ToList();
        result.DuplicateMails = sink.Duplicates;
        result.UnconfirmedPages = people.Unconfirmed;
        result.MailsAccepted = sink.Total;
        progress.Say(variant.Name, "done, stopping");
        return result;
    }

    private async Task<List<string>> SubmitAsync(People people, MailSink sink, VariantResult result)
    {
        var ids = new ConcurrentBag<string>();
        var started = clock.Elapsed;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Workshops), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            ids.Add(await people.SubmitAsync($"bench-{variant.Name}-{i}"));
            if (ids.Count % 10 == 0) progress.Say(variant.Name, $"submitted {ids.Count}/{options.Workshops}");
        });
        var submitted = clock.Elapsed - started;
        result.SubmissionsPerSecond = options.Workshops / submitted.TotalSeconds;

        var list = ids.ToList();
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(120 + options.Workshops);
        while (true)
        {
            var out_ = list.Count(id => sink.Of(id).Any(m => m.Kind == nameof(Notifications.NotificationKind.ReviewRequest)));
            progress.Say(variant.Name, $"review mails out {out_}/{list.Count}");
            if (out_ == list.Count) break;
            if (clock.Elapsed > deadline) throw new TimeoutException($"Only {out_} of {list.Count} review mails went out.");
            await Task.Delay(100);
        }

        result.AllReviewMailsOutSeconds = (list.Max(id => sink.Of(id).Where(m => m.Kind == "ReviewRequest").Min(m => m.AcceptedAt)) - started).TotalSeconds;
        return list;
    }

    private async Task ClickAsync(People people, HttpClient status, MailSink sink, List<string> ids, VariantResult result)
    {
        var chosen = ids.Take(Math.Min(options.Clicks, ids.Count)).ToList();
        var toStage = new ConcurrentBag<double>();
        var toMail = new ConcurrentBag<double>();
        var toPage = new ConcurrentBag<double>();
        var running = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / options.ClickRate);
        var start = clock.Elapsed;
        for (var i = 0; i < chosen.Count; i++)
        {
            var next = start + interval * i;
            if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed);
            var id = chosen[i];
            running.Add(Task.Run(() => Counted(result, async () =>
            {
                var review = sink.Of(id).First(m => m.Kind == "ReviewRequest");
                var (clicked, answered) = await people.ApproveTimedAsync(review.Link!);
                toPage.Add((answered - clicked).TotalMilliseconds);
                // Read as a person refreshing would, soon and then less often (50 ms growing to 1 s): a fixed 100 ms from
                // every click still waiting made the benchmark's own reads most of the server's work once clicks queued.
                var look = TimeSpan.FromMilliseconds(50);
                while (await people.StageAsync(status, id) == Stage.InternalReview)
                {
                    if (clock.Elapsed - clicked > TimeSpan.FromSeconds(300)) throw new TimeoutException($"{id} stayed in review 300 s after the click.");
                    await Task.Delay(look);
                    look = TimeSpan.FromMilliseconds(Math.Min(1000, look.TotalMilliseconds * 1.5));
                }

                toStage.Add((clock.Elapsed - clicked).TotalMilliseconds);
                var mail = await sink.WaitAsync(id, m => m.FirstOrDefault(x => x.Kind == "NominationRequest"), TimeSpan.FromSeconds(180), "nomination mail");
                toMail.Add((mail.AcceptedAt - clicked).TotalMilliseconds);
                progress.Say(variant.Name, $"clicks {toMail.Count}/{chosen.Count} answered, {ids.Count} in flight");
            })));
        }

        await Task.WhenAll(running);
        result.ClickToStageMs = [.. toStage.Order()];
        result.ClickToMailMs = [.. toMail.Order()];
        result.ClickToPageMs = [.. toPage.Order()];
    }

    private async Task LifecyclesAsync(People people, MailSink sink, VariantResult result)
    {
        var done = 0;
        var confirmations = 0;
        var expected = 0;
        var started = clock.Elapsed;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Lifecycles), new ParallelOptions { MaxDegreeOfParallelism = options.LifecycleConcurrency }, (i, _) => new ValueTask(Counted(result, async () =>
        {
            var id = await people.SubmitAsync($"bench-{variant.Name}-life-{i}");
            var timeout = TimeSpan.FromSeconds(300);
            var review = await sink.WaitAsync(id, m => m.FirstOrDefault(x => x.Kind == "ReviewRequest"), timeout, "review mail");
            await people.ApproveAsync(review.Link!);
            var requests = await sink.WaitAsync(id, m => m.Where(x => x.Kind == "NominationRequest").DistinctBy(x => x.To).ToList() is { Count: 8 } r ? r : null, timeout, "8 nomination mails");
            var nominees = await Task.WhenAll(requests.Select((r, m) => people.SendSlateAsync(r.Link!, $"m{m}")));
            var donor = await sink.WaitAsync(id, m => m.FirstOrDefault(x => x.Kind == "DonorRequest"), timeout, "donor mail");
            await people.ApproveAsync(donor.Link!);
            var confirmed = await sink.WaitAsync(id, m => m.Where(x => x.Kind == "ParticipantConfirmation").Select(x => x.To).Distinct().Count() is var c && c >= nominees.Sum() ? (object)c : null,
                timeout, $"{nominees.Sum()} confirmations");
            Interlocked.Add(ref confirmations, (int)confirmed);
            Interlocked.Add(ref expected, nominees.Sum());
            progress.Say(variant.Name, $"lifecycles {Interlocked.Increment(ref done)}/{options.Lifecycles}");
        })));
        result.LifecyclesPerMinute = done / (clock.Elapsed - started).TotalMinutes;
        result.LifecyclesCompleted = done;
        result.Confirmations = confirmations;
        result.ConfirmationsExpected = expected;
    }

    /// <summary>Runs one person's part; a failure is counted and shown, and the run goes on with the others.</summary>
    private async Task Counted(VariantResult result, Func<Task> part)
    {
        try
        {
            await part();
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            lock (result.Failures) result.Failures.Add(e.Message);
            progress.Say(variant.Name, $"failed: {e.Message}");
        }
    }

    /// <summary>Runs a phase and reports the emulator's CPU seconds per second of it: Azurite serves every request on one
    /// thread, so about 1.0 means requests queued behind each other the whole phase.</summary>
    private async Task<T> Busy<T>(int emulator, Func<Task<T>> phase, Action<double> busy)
    {
        var (cpu, wall) = (ProcStats.CpuSeconds(emulator), clock.Elapsed);
        var result = await phase();
        busy(Math.Round((ProcStats.CpuSeconds(emulator) - cpu) / (clock.Elapsed - wall).TotalSeconds, 2));
        return result;
    }

    private static async Task<long> RowsAsync(string connectionString, string table)
    {
        var rows = 0L;
        await foreach (var _ in new Azure.Data.Tables.TableClient(connectionString, table).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"])) rows++;
        return rows;
    }

    private static async Task<Dictionary<string, long>> CountsAsync(IEnumerable<BenchServer> servers)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            foreach (var (key, n) in await server.StorageRequestsAsync()) sum[key] = sum.GetValueOrDefault(key) + n;
        }

        return sum;
    }

    /// <summary>Requests per lifecycle by resource, the task hub's names written with <c>{hub}</c> and its partitions
    /// folded together, largest first.</summary>
    private static Dictionary<string, double> Breakdown(Dictionary<string, long> before, Dictionary<string, long> after, string hub, int lifecycles) =>
        after.Select(a => (Key: Fold(a.Key, hub), N: a.Value - before.GetValueOrDefault(a.Key)))
            .GroupBy(a => a.Key)
            .Select(g => (g.Key, N: g.Sum(a => a.N) / (double)lifecycles))
            .Where(g => g.N > 0)
            .OrderByDescending(g => g.N)
            .ToDictionary(g => g.Key, g => Math.Round(g.N, 1));

    private static string Fold(string key, string hub)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var space = key.IndexOf(' ', StringComparison.Ordinal) is >= 0 and var at ? at : key.Length;
        var (service, name, operation) = (key[..slash], key[(slash + 1)..space], key[space..]);
        if (!name.StartsWith(hub, StringComparison.OrdinalIgnoreCase)) return key;
        name = "{hub}" + System.Text.RegularExpressions.Regex.Replace(name[hub.Length..], "-[0-9]+$", "-NN");
        return $"{service}/{name}{operation}";
    }
}
