using System.Text.Json.Serialization;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Telemetry;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>One workflow step as one activity: what it records, the slate it keeps (when it keeps one) and the mails it
/// sends.</summary>
public sealed record StepRecord(ProgressUpdate Progress, IReadOnlyList<Notification> Mails)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SlateRecord? Slate { get; init; }
}

/// <summary>Activity: a whole step in one episode of the workflow — the slate, the snapshot and the audit line are
/// stored first, the mails queued last (with the snapshot they show), so a mail never tells of a step storage does not show. Every part is keyed by a
/// deterministic id (the slate's fingerprint, the step's sequence and audit id, each mail's id), so a retried step
/// records once and the mail handler sends each mail once.</summary>
public sealed class RecordStep(RecordProgress progress, SaveSlate slates, NotificationOutbox outbox) : TaskActivity<StepRecord, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, StepRecord input) => ExecuteAsync(input);

    /// <returns>How many mails the step queued.</returns>
    public Task<int> ExecuteAsync(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var update = step.Progress;
        return ApprovalsTelemetry.RunStepAsync(nameof(RecordStep), update.Origin?.TraceParent, update.WorkshopId, async () =>
        {
            if (step.Slate is { } slate) await slates.StoreAsync(slate);
            var stored = await progress.StoreAsync(update);
            if (step.Mails.Count > 0) await outbox.EnqueueAsync(step.Mails, stored is null ? null : new MailSnapshot(stored.Proposal, stored.Pending));
            return step.Mails.Count;
        });
    }
}
