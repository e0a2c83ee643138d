using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Benchmarks;

// dotnet run -c Release --project bench/Approvals.Benchmarks -- --workshops 1000
var options = BenchOptions.Parse(args);
var progress = new Progress();
var root = BenchServer.RepositoryRoot();
var tried = options.HostJson is null ? null : File.ReadAllText(options.HostJson);
var variants = new Dictionary<string, Variant>(StringComparer.Ordinal)
{
    ["tuned"] = new("tuned", tried, TwoServers: false),
    ["defaults"] = new("defaults", DurableDefaults(tried ?? File.ReadAllText(Path.Combine(root, "host.json"))), TwoServers: false),
    ["scaleout"] = new("scaleout", tried, TwoServers: true),
};

if (options.ProbeOnly)
{
    Console.WriteLine(Report.Probe(await EmulatorProbe.RunAsync(progress), historyRows: null));
    return 0;
}

var results = new List<VariantResult>();
for (var round = 1; round <= options.Repeat; round++)
{
    foreach (var name in options.Variants)
    {
        var variant = variants.TryGetValue(name, out var v) ? v : throw new ArgumentException($"Unknown variant {name}: tuned, defaults or scaleout.");
        if (options.Repeat > 1) variant = variant with { Name = $"{name}#{round}" };
        results.Add(await new Scenario(options, variant, progress).RunAsync());
        progress.EndLine();
    }
}

var probe = await EmulatorProbe.RunAsync(progress);
var table = Report.Table(options, results, probe);
Console.WriteLine();
Console.WriteLine(table);
Report.Write(options, results, probe, table);
Console.WriteLine();
Console.WriteLine($"Results: {Path.Combine(options.Output, "results.json")}, histogram: {Path.Combine(options.Output, "latency.png")}");
return 0;

// The repository's host.json with the storage provider polling its queues as Durable Functions ships it (at most every 30 s when idle).
static string DurableDefaults(string hostJson)
{
    var json = JsonNode.Parse(hostJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
    json["extensions"]!["durableTask"]!["storageProvider"]!["maxQueuePollingInterval"] = "00:00:30";
    return json.ToJsonString();
}
