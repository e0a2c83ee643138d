using Microsoft.DurableTask.Client;

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
        AnswerToAsync(client, id, receipt, usable, Patience, cancellation);

    /// <summary>As above, within <paramref name="patience"/> even when a read of the status itself hangs (storage
    /// overloaded): the sender is then told the event is kept and not yet confirmed, never left waiting.</summary>
    internal static async Task<WorkflowAnswer> AnswerToAsync(
        this DurableTaskClient client, string id, string receipt, Func<WorkflowStatus, bool> usable, TimeSpan patience, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(usable);
        WorkflowAnswer? heard = null;
        var changes = InstanceChanges.Process;

        // Pages waiting on one workshop at once (eight ministries sending their lists) share each read of its status.
        await Polling.UntilAsync(
            async (watch, bound) => (heard = Hear(await (watch is null
                ? client.GetInstanceAsync(id, getInputsAndOutputs: true, bound)
                : watch.ReadOnceAsync(() => client.GetInstanceAsync(id, getInputsAndOutputs: true, CancellationToken.None), bound)), receipt, usable)) is not null,
            patience,
            changes.IsFed ? () => changes.Listen(id) : null,
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

    private static WorkflowAnswer? Hear(OrchestrationMetadata? instance, string receipt, Func<WorkflowStatus, bool> usable)
    {
        if (instance is null) return new WorkflowAnswer(Hearing.NotUsed, null, null);
        var status = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<WorkflowStatus>();
        if (status?.Answers?.FirstOrDefault(a => a.Receipt == receipt) is { } answer)
        {
            return new WorkflowAnswer(answer.Used ? Hearing.Used : Hearing.Refused, answer.Why, status.Stage);
        }

        return instance.IsCompleted || (status is not null && !usable(status)) ? new WorkflowAnswer(Hearing.NotUsed, null, status?.Stage) : null;
    }
}
