using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace Approvals.Workflow;

/// <summary>What became of an event a page or the API raised, as far as the workflow has said.</summary>
public enum Hearing
{
    /// <summary>The workflow took it: it counts.</summary>
    Used,

    /// <summary>The workflow read it and refused it; <see cref="WorkflowAnswer.Why"/> says why.</summary>
    Refused,

    /// <summary>The workflow ended, or moved past the point where it could use the event, without taking it.</summary>
    NotUsed,

    /// <summary>No answer yet within <see cref="WorkflowAnswers.Patience"/>: the event is queued, its fate unknown.</summary>
    Unconfirmed,
}

/// <summary>The workflow's answer to one event, and the stage it was at when it answered (null when unknown).</summary>
public sealed record WorkflowAnswer(Hearing Hearing, string? Why, Stage? Stage);

/// <summary>A page that raised an event waits here for the workflow's answer before it tells the sender anything, so a
/// "received" is never a slate or a decision the workflow then drops (window closed, cancelled, expired).</summary>
public static class WorkflowAnswers
{
    /// <summary>How long a request waits; the workflow answers within a second when it is not overloaded.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Waits for the answer to <paramref name="receipt"/>. <paramref name="usable"/> says whether the workflow,
    /// at the status it shows, could still take the event: once it cannot and has not answered, the event is not used.</summary>
    public static Task<WorkflowAnswer> AnswerToAsync(
        this DurableTaskClient client, string id, string receipt, Func<WorkflowStatus, bool> usable, CancellationToken cancellation = default) =>
        AnswerToAsync(client, id, receipt, usable, Patience, since: null, cancellation);

    /// <summary>As above, for an event raised after <paramref name="since"/> was taken (<see cref="ListenBeforeRaising"/>):
    /// the workflow cannot have answered before its next write, so the wait reads nothing until then.</summary>
    public static Task<WorkflowAnswer> AnswerToAsync(
        this DurableTaskClient client, string id, string receipt, Func<WorkflowStatus, bool> usable, InstanceChanges.Watch? since, CancellationToken cancellation) =>
        AnswerToAsync(client, id, receipt, usable, Patience, since, cancellation);

    /// <summary>Raises <paramref name="payload"/> as <paramref name="eventName"/> and waits for the answer to
    /// <paramref name="receipt"/>, reading the status only once the workflow has written it. The raise itself is not
    /// cancelled with the request: once begun, a sender who closed the page still has the event delivered.</summary>
    public static async Task<WorkflowAnswer> RaiseAndHearAsync(
        this DurableTaskClient client, string id, string eventName, object payload, string receipt, Func<WorkflowStatus, bool> usable, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var since = ListenBeforeRaising(id);
        await client.RaiseEventAsync(id, eventName, payload, CancellationToken.None);
        return await client.AnswerToAsync(id, receipt, usable, since, cancellation);
    }

    /// <summary>A watch on <paramref name="id"/>'s next write, taken before raising an event there, when this process
    /// hears its task hub's writes (else null: the wait reads on its own schedule). Dispose it after the wait.</summary>
    public static InstanceChanges.Watch? ListenBeforeRaising(string id) =>
        InstanceChanges.Process.IsFed ? InstanceChanges.Process.Listen(id) : null;

    /// <summary>As above, within <paramref name="patience"/> even when a read of the status itself hangs (storage
    /// overloaded): the sender is then told the event is kept and not yet confirmed, never left waiting.</summary>
    internal static async Task<WorkflowAnswer> AnswerToAsync(
        this DurableTaskClient client, string id, string receipt, Func<WorkflowStatus, bool> usable, TimeSpan patience, InstanceChanges.Watch? since,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(usable);
        WorkflowAnswer? heard = null;
        var changes = InstanceChanges.Process;

        // A write this process heard says what it stored: the status needs no read. Pages waiting on one workshop at once
        // (eight ministries sending their lists) share each read there is.
        await Polling.UntilAsync(
            async (watch, bound) => (heard = watch?.Known is { } written && FromWrite(written) is { } stored
                ? Hear(stored.Status, stored.Completed, receipt, usable)
                : Hear(await (watch is null
                    ? client.GetInstanceAsync(id, getInputsAndOutputs: true, bound)
                    : watch.ReadOnceAsync(() => client.GetInstanceAsync(id, getInputsAndOutputs: true, CancellationToken.None), bound)), receipt, usable)) is not null,
            patience,
            changes.IsFed ? () => changes.Listen(id) : null,
            since,
            cancellation);

        return heard ?? new WorkflowAnswer(Hearing.Unconfirmed, null, null);
    }

    /// <summary>Whether the workflow has already answered <paramref name="receipt"/> (used or refused), without waiting.</summary>
    public static async Task<bool> HasAnsweredAsync(this DurableTaskClient client, string id, string receipt, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Hear(await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation), receipt, _ => true)
            is { Hearing: Hearing.Used or Hearing.Refused };
    }

    private static WorkflowAnswer? Hear(OrchestrationMetadata? instance, string receipt, Func<WorkflowStatus, bool> usable) =>
        instance is null
            ? new WorkflowAnswer(Hearing.NotUsed, null, null)
            : Hear(instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<WorkflowStatus>(), instance.IsCompleted, receipt, usable);

    private static WorkflowAnswer? Hear(WorkflowStatus? status, bool completed, string receipt, Func<WorkflowStatus, bool> usable)
    {
        if (status?.Answers?.FirstOrDefault(a => a.Receipt == receipt) is { } answer)
        {
            return new WorkflowAnswer(answer.Used ? Hearing.Used : Hearing.Refused, answer.Why, status.Stage);
        }

        return completed || (status is not null && !usable(status)) ? new WorkflowAnswer(Hearing.NotUsed, null, status?.Stage) : null;
    }

    /// <summary>The status and whether the run has ended, as a write of the task hub stored them; null when the write
    /// carried no status that reads, and the status is then read instead. A write that leaves the runtime status as it
    /// was is of a run still going: its last write, as it ends, sets it.</summary>
    internal static (WorkflowStatus? Status, bool Completed)? FromWrite(InstanceChanges.Stored written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (written.SerializedCustomStatus is not { } serialized) return null;
        try
        {
            var completed = Enum.TryParse<OrchestrationRuntimeStatus>(written.RuntimeStatus, out var runtime)
                && runtime is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
            return (JsonDataConverter.Default.Deserialize<WorkflowStatus>(serialized), completed);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
