using System.Globalization;
using System.Text.Json;
using ScottPlot;

namespace Approvals.Benchmarks;

/// <summary>The issue's table, one column per variant (the later ones also as ratios to the first), the storage
/// breakdown, the JSON results and the latency histogram.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Table(BenchOptions options, IReadOnlyList<VariantResult> results, IReadOnlyList<EmulatorProbe.Cost> probe)
    {
        var first = results[0];
        var lines = new List<string>
        {
            $"N = {options.Workshops} workshops in flight, {options.Clicks} timed clicks at {options.ClickRate.ToString(Inv)}/s, " +
            $"{options.Lifecycles} lifecycles {options.LifecycleConcurrency} at a time; {Environment.ProcessorCount} cores",
            "",
            "| figure | " + string.Join(" | ", results.Select(r => r.Name)) + $" | goal | {first.Name} meets it |",
            "|---|" + string.Concat(results.Select(_ => "---|")) + "---|---|",
        };

        void Row(string figure, Func<VariantResult, string> show, Func<VariantResult, double>? value, string goal, Func<VariantResult, bool?>? met = null) =>
            lines.Add($"| {figure} | " + string.Join(" | ", results.Select(r =>
                show(r) + (r == first || value is null ? "" : Ratio(value(r), value(first))))) + $" | {goal} | {Verdict(met, first)} |");

        Row("submissions", r => $"{r.SubmissionsPerSecond:F1}/s; all {r.Workshops} review mails out after {r.AllReviewMailsOutSeconds:F0} s",
            r => r.AllReviewMailsOutSeconds, "all 1,000 out within 90 s", r => r.Workshops >= 1000 ? r.AllReviewMailsOutSeconds <= 90 : null);
        Row($"click → next stage in GET /api/workshops/{{id}} ({options.ClickRate.ToString(Inv)} clicks/s)",
            r => $"p50 {Ms(r.ClickToStageMs, 50)}, p95 {Ms(r.ClickToStageMs, 95)}, p99 {Ms(r.ClickToStageMs, 99)}",
            r => VariantResult.Percentile(r.ClickToStageMs, 50), "p50 ≤ 150 ms, p99 ≤ 1 s",
            r => VariantResult.Percentile(r.ClickToStageMs, 50) <= 150 && VariantResult.Percentile(r.ClickToStageMs, 99) <= 1000);
        Row("click → the page says \"recorded\"",
            r => $"p50 {Ms(r.ClickToPageMs, 50)}, p95 {Ms(r.ClickToPageMs, 95)}, p99 {Ms(r.ClickToPageMs, 99)}",
            r => VariantResult.Percentile(r.ClickToPageMs, 50), "");
        Row("click → first nomination mail accepted by SMTP",
            r => $"p50 {Ms(r.ClickToMailMs, 50)}, p95 {Ms(r.ClickToMailMs, 95)}, p99 {Ms(r.ClickToMailMs, 99)}",
            r => VariantResult.Percentile(r.ClickToMailMs, 50), "p50 ≤ 1 s, p99 ≤ 3 s",
            r => VariantResult.Percentile(r.ClickToMailMs, 50) <= 1000 && VariantResult.Percentile(r.ClickToMailMs, 99) <= 3000);
        Row($"whole lifecycles, {options.LifecycleConcurrency} at a time", r => $"{r.LifecyclesPerMinute:F1} per minute", r => r.LifecyclesPerMinute, "≥ 90 per minute",
            r => r.LifecyclesPerMinute >= 90);
        Row("storage requests per lifecycle", r => $"{r.StorageRequestsPerLifecycle:F0} (app {Share(r, app: true):F0}, task hub {Share(r, app: false):F0})",
            r => r.StorageRequestsPerLifecycle, "≤ 450", r => r.StorageRequestsPerLifecycle <= 450);
        Row("emulator CPU per lifecycle", r => $"{r.EmulatorCpuPerLifecycleSeconds:F2} s", r => r.EmulatorCpuPerLifecycleSeconds, "≤ 0.5 s",
            r => r.EmulatorCpuPerLifecycleSeconds <= 0.5);
        // Azurite filters every table query in JavaScript over all the rows the table holds, so this grows with what is stored.
        Row("emulator busy (its CPU s per s; 1.0 = its one thread saturated): submissions / clicks / lifecycles",
            r => string.Join(" / ", new[] { "submissions", "clicks", "lifecycles" }.Select(p => r.EmulatorBusy.GetValueOrDefault(p).ToString("F2", Inv))), null, "");
        Row("emulator CPU per storage request", r => $"{PerRequestMs(r):F1} ms", PerRequestMs, "");
        Row("server CPU per lifecycle (benchmark's own)", r => $"{r.ServerCpuPerLifecycleSeconds:F2} s ({r.BenchmarkCpuPerLifecycleSeconds:F2} s)", r => r.ServerCpuPerLifecycleSeconds, "");
        Row($"lifecycles per minute if all {Environment.ProcessorCount} cores did only this", r => $"{r.CpuCeilingPerMinute:F0}", r => r.CpuCeilingPerMinute, "");
        Row("server RSS (now / peak)", r => string.Join(" + ", r.ServerRssMiB.Zip(r.ServerPeakRssMiB, (n, p) => $"{n:F0}/{p:F0} MiB")), r => r.ServerPeakRssMiB.Sum(), "");
        Row("correctness", r => $"{r.LifecyclesCompleted}/{options.Lifecycles} lifecycles published, {r.Confirmations}/{r.ConfirmationsExpected} confirmations, " +
            $"{r.DuplicateMails} duplicate mails of {r.MailsAccepted}, {r.Failures.Count} failures, {r.UnconfirmedPages} pages answered 202", null, "no duplicate, no failure",
            r => r.DuplicateMails == 0 && r.Failures.Count == 0 && r.LifecyclesCompleted == options.Lifecycles && r.Confirmations >= r.ConfirmationsExpected);

        lines.Add("");
        lines.Add("storage requests per lifecycle by table / queue / container (" + first.Name + "):");
        foreach (var (resource, n) in first.StoragePerLifecycle.Take(20))
        {
            lines.Add($"  {resource,-36} {n,8:F1}" + string.Concat(results.Skip(1).Select(r => $"   {r.Name}: {r.StoragePerLifecycle.GetValueOrDefault(resource),7:F1}")));
        }

        lines.Add("");
        lines.Add("the same by kind of request (" + first.Name + "):");
        foreach (var (operation, n) in first.StorageOperationsPerLifecycle.OrderByDescending(p => p.Value).Take(30))
        {
            lines.Add($"  {operation,-46} {n,8:F1}");
        }

        lines.Add("");
        lines.Add(Probe(probe, first.HistoryRowsStored));

        if (first.StorageOriginsPerLifecycle.Count > 0)
        {
            lines.Add("");
            lines.Add("the same by the code that sent it (" + first.Name + "; counted with a stack walk each, so this run's CPU is not the shipped server's):");
            foreach (var (origin, n) in first.StorageOriginsPerLifecycle.OrderByDescending(p => p.Value).Take(60)) lines.Add($"  {n,7:F1}  {origin}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The emulator probe's lines; <paramref name="historyRows"/> is what the first variant's task hub history held.</summary>
    public static string Probe(IReadOnlyList<EmulatorProbe.Cost> probe, long? historyRows)
    {
        var lines = new List<string>
        {
            "the emulator's CPU per table request by the rows its table holds" + (historyRows is { } n ? $" (the first variant ended with {n:N0} rows in the task hub's history):" : ":"),
            $"  {"rows stored",12} {"partition read (10 rows)",26} {"point read",12} {"two upserts",13} {"one batch of two",18}",
        };
        foreach (var cost in probe)
        {
            lines.Add($"  {cost.RowsStored,12:N0} {cost.QueryMs,23:F2} ms {cost.PointReadMs,9:F2} ms {cost.TwoWritesMs,10:F2} ms {cost.BatchOfTwoMs,15:F2} ms");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static void Write(BenchOptions options, IReadOnlyList<VariantResult> results, IReadOnlyList<EmulatorProbe.Cost> probe, string table)
    {
        Directory.CreateDirectory(options.Output);
        var json = JsonSerializer.Serialize(new { options, machine = new { Environment.ProcessorCount, Environment.OSVersion.VersionString }, at = DateTimeOffset.UtcNow, results, emulatorProbe = probe },
            new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(options.Output, "results.json"), json);
        File.WriteAllText(Path.Combine(options.Output, "results.md"), table + Environment.NewLine);
        Histogram(results, Path.Combine(options.Output, "latency.png"));
    }

    /// <summary>Click → next stage in the status, one set of bars per variant, on a log-spaced millisecond axis.</summary>
    private static void Histogram(IReadOnlyList<VariantResult> results, string path)
    {
        var plot = new Plot();
        var all = results.SelectMany(r => r.ClickToStageMs).Where(v => v > 0).ToList();
        if (all.Count == 0) return;
        var (low, high) = (Math.Log10(Math.Max(1, all.Min())), Math.Log10(all.Max()) + 0.01);
        const int binCount = 30;
        var width = (high - low) / binCount;
        var palette = new ScottPlot.Palettes.Category10();
        for (var v = 0; v < results.Count; v++)
        {
            var counts = new double[binCount];
            foreach (var ms in results[v].ClickToStageMs.Where(x => x > 0))
                counts[Math.Clamp((int)((Math.Log10(ms) - low) / width), 0, binCount - 1)]++;
            var positions = Enumerable.Range(0, binCount).Select(i => low + (i + 0.5) * width + (v - (results.Count - 1) / 2.0) * width / results.Count).ToArray();
            var bars = plot.Add.Bars(positions, counts);
            bars.LegendText = results[v].Name;
            foreach (var bar in bars.Bars)
            {
                bar.Size = width / results.Count;
                bar.FillColor = palette.GetColor(v);
                bar.LineWidth = 0;
            }
        }

        var ticks = new[] { 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000 }.Where(t => Math.Log10(t) >= low - 0.5 && Math.Log10(t) <= high + 0.5).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => Math.Log10(t)).ToArray(), ticks.Select(t => t >= 1000 ? $"{t / 1000} s" : $"{t} ms").ToArray());
        plot.Title("Click → next stage in GET /api/workshops/{id}");
        plot.XLabel("latency (log scale)");
        plot.YLabel("clicks");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 560);
    }

    /// <summary>Whether the first variant meets a goal; a goal that only means something at the issue's N says so.</summary>
    private static string Verdict(Func<VariantResult, bool?>? met, VariantResult first) => met?.Invoke(first) switch
    {
        true => "yes",
        false => "no",
        null when met is not null => "needs --workshops 1000",
        _ => "",
    };

    private static double PerRequestMs(VariantResult r) =>
        r.StorageRequestsPerLifecycle > 0 ? 1000 * r.EmulatorCpuPerLifecycleSeconds / r.StorageRequestsPerLifecycle : 0;

    private static string Ms(IReadOnlyList<double> sorted, double p) => VariantResult.Percentile(sorted, p) is var v && v >= 1000
        ? $"{(v / 1000).ToString("F1", Inv)} s"
        : $"{v.ToString("F0", Inv)} ms";

    private static string Ratio(double value, double baseline) =>
        baseline > 0 && double.IsFinite(value) ? $" (×{(value / baseline).ToString("F2", Inv)})" : "";

    private static double Share(VariantResult r, bool app) => r.StoragePerLifecycle.Where(p => p.Key.Contains("{hub}", StringComparison.Ordinal) != app).Sum(p => p.Value);
}
