using System.Diagnostics.Metrics;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Telemetry;

/// <summary>The application's own instruments, on the <see cref="ApprovalsTelemetry.Name"/> meter.</summary>
public sealed class ApprovalsMetrics
{
    public const string Decisions = "approvals.decisions";
    public const string SlatesAccepted = "approvals.slates.accepted";
    public const string MailsSent = "approvals.mails.sent";
    public const string MailsFailed = "approvals.mails.failed";
    public const string OutboxDepth = "approvals.outbox.depth";
    public const string ClickToNextStage = "approvals.click_to_next_stage.duration";

    /// <summary>How stale the outbox depth may be: each fresh value is one request to the queue service.</summary>
    public static readonly TimeSpan OutboxDepthMaxAge = TimeSpan.FromSeconds(30);

    private readonly Counter<long> decisions;
    private readonly Counter<long> slates;
    private readonly Counter<long> mailsSent;
    private readonly Counter<long> mailsFailed;
    private readonly Histogram<double> clickToNextStage;

    public ApprovalsMetrics(IMeterFactory meters, NotificationOutbox outbox, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(outbox);
        var meter = meters.Create(ApprovalsTelemetry.Name);
        decisions = meter.CreateCounter<long>(Decisions, "{decision}", "Decisions recorded through the links, by stage and decision.");
        slates = meter.CreateCounter<long>(SlatesAccepted, "{slate}", "Slates (or declines) the workflow accepted.");
        mailsSent = meter.CreateCounter<long>(MailsSent, "{mail}", "Notifications handed to the mail transport, by kind.");
        mailsFailed = meter.CreateCounter<long>(MailsFailed, "{mail}", "Deliveries of a notification that failed, by kind.");
        clickToNextStage = meter.CreateHistogram(ClickToNextStage, "s",
            "From a decision's click to the workflow recording the stage it leads to.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] });
        var depth = new CachedReading(outbox.DepthAsync, OutboxDepthMaxAge, time);
        meter.CreateObservableGauge(OutboxDepth, () => depth.Current() is { } n ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(),
            "{message}", "Notifications waiting on the queue (read at most every 30 s).");
    }

    public void DecisionRecorded(Stage stage, Decision decision) =>
        decisions.Add(1, new("stage", stage.ToString()), new("decision", decision.ToString()));

    public void SlateAccepted(bool declined) => slates.Add(1, new KeyValuePair<string, object?>("declined", declined));

    public void MailSent(NotificationKind kind) => mailsSent.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

    public void MailFailed(NotificationKind kind, Exception error) =>
        mailsFailed.Add(1, new("kind", kind.ToString()), new("error.type", error?.GetType().Name));

    /// <summary>The wait from a click to <paramref name="stage"/> being recorded.</summary>
    public void NextStageRecorded(Stage stage, TimeSpan sinceClick) =>
        clickToNextStage.Record(Math.Max(0, sinceClick.TotalSeconds), new KeyValuePair<string, object?>("stage", stage.ToString()));
}
