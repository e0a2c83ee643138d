using System.Globalization;

namespace Approvals.Benchmarks;

/// <summary>The command line: <c>--workshops N</c> (in flight), <c>--clicks K</c> (timed review decisions),
/// <c>--click-rate R</c> (per second), <c>--lifecycles L</c>, <c>--concurrency C</c> (lifecycles at a time),
/// <c>--variants tuned,defaults,scaleout</c>, <c>--out folder</c>, <c>--host-json file</c> (a host.json to try instead of
/// the repository's, for every variant), <c>--repeat K</c> (each variant K times, as columns
/// <c>tuned#1</c>, <c>tuned#2</c>…, since latencies at saturation move a lot between runs), <c>--probe-only</c> (only the
/// emulator's cost per request by rows stored).</summary>
public sealed record BenchOptions
{
    public int Workshops { get; init; } = 50;
    public int Clicks { get; init; } = 200;
    public double ClickRate { get; init; } = 5;
    public int Lifecycles { get; init; } = 8;
    public int LifecycleConcurrency { get; init; } = 8;
    public IReadOnlyList<string> Variants { get; init; } = ["tuned", "defaults", "scaleout"];
    public string? HostJson { get; init; }
    public bool ProbeOnly { get; init; }
    public int Repeat { get; init; } = 1;
    public string Output { get; init; } = Path.Combine(BenchServer.RepositoryRoot(), "bench", "results");

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{args[i]} must be positive.");
            o = args[i] switch
            {
                "--workshops" => o with { Workshops = Int() },
                "--clicks" => o with { Clicks = Int() },
                "--click-rate" => o with { ClickRate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--lifecycles" => o with { Lifecycles = Int() },
                "--concurrency" => o with { LifecycleConcurrency = Int() },
                "--variants" => o with { Variants = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--out" => o with { Output = Path.GetFullPath(Next()) },
                "--host-json" => o with { HostJson = Path.GetFullPath(Next()) },
                "--probe-only" => o with { ProbeOnly = true },
                "--repeat" => o with { Repeat = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --workshops N --clicks K --click-rate R --lifecycles L --concurrency C --variants tuned,defaults,scaleout --out DIR --host-json FILE --repeat K --probe-only"),
            };
        }

        return o;
    }
}
