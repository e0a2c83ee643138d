namespace Approvals.Benchmarks;

/// <summary>What one variant measured; written to the JSON results as is.</summary>
public sealed class VariantResult
{
    public string Name { get; init; } = "";
    public int Workshops { get; init; }
    public double SubmissionsPerSecond { get; set; }
    public double AllReviewMailsOutSeconds { get; set; }
    public List<double> ClickToStageMs { get; set; } = [];
    public List<double> ClickToMailMs { get; set; } = [];

    /// <summary>From the button to the page saying the decision is recorded (it waits for the workflow's answer).</summary>
    public List<double> ClickToPageMs { get; set; } = [];
    public double LifecyclesPerMinute { get; set; }
    public int Confirmations { get; set; }
    public int ConfirmationsExpected { get; set; }
    public int LifecyclesCompleted { get; set; }
    public int UnconfirmedPages { get; set; }
    public List<string> Failures { get; } = [];
    public int DuplicateMails { get; set; }
    public int MailsAccepted { get; set; }
    public Dictionary<string, double> StoragePerLifecycle { get; set; } = [];
    /// <summary>The same requests by resource and kind: <c>table/Workshops point read</c>, <c>queue/{hub}-control-NN receive</c>.</summary>
    public Dictionary<string, double> StorageOperationsPerLifecycle { get; set; } = [];
    /// <summary>By kind and the code that sent it, when the run was asked to count origins (APPROVALS_BENCH_ORIGINS=1).</summary>
    public Dictionary<string, double> StorageOriginsPerLifecycle { get; set; } = [];
    public double StorageRequestsPerLifecycle => Math.Round(StoragePerLifecycle.Values.Sum(), 1);
    public double EmulatorCpuPerLifecycleSeconds { get; set; }
    public double EmulatorCpuTotalSeconds { get; set; }

    /// <summary>The emulator's CPU seconds per second of each phase (submissions, clicks, lifecycles); about 1.0 is its
    /// one thread saturated.</summary>
    public Dictionary<string, double> EmulatorBusy { get; set; } = [];

    /// <summary>Rows in the task hub's history table when the run ended: what each of its partition reads filters.</summary>
    public long HistoryRowsStored { get; set; }
    public double ServerCpuPerLifecycleSeconds { get; set; }

    /// <summary>The simulated people themselves: pages parsed, forms posted, mails received and parsed.</summary>
    public double BenchmarkCpuPerLifecycleSeconds { get; set; }

    /// <summary>Lifecycles per minute the machine could carry if every core did nothing but this work.</summary>
    public double CpuCeilingPerMinute => (EmulatorCpuPerLifecycleSeconds + ServerCpuPerLifecycleSeconds + BenchmarkCpuPerLifecycleSeconds) is > 0 and var cpu
        ? Environment.ProcessorCount * 60 / cpu
        : double.NaN;
    public List<double> ServerRssMiB { get; set; } = [];
    public List<double> ServerPeakRssMiB { get; set; } = [];

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
