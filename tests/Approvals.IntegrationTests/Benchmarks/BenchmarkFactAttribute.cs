namespace Approvals.IntegrationTests.Benchmarks;

/// <summary>A measurement, left out of the default <c>dotnet test</c>: it only prints numbers, and in the full run its
/// server serves every other test too, so they are not worth quoting there.
/// <c>APPROVALS_BENCHMARK=1 dotnet test tests/Approvals.IntegrationTests --filter Category=Benchmark</c> runs it alone.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string Switch = "APPROVALS_BENCHMARK";

    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1") Skip = $"A benchmark: set {Switch}=1 and run with --filter Category=Benchmark.";
    }
}
