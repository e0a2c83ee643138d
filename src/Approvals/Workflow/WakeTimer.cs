using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>The timer a wait races its events against. Runs started before <see cref="WorkshopStarted.OneTimerPerWake"/>
/// made a new timer for every event; a newer run keeps one timer for as long as the time it wakes at stays the same,
/// so eight ministries answering in a row leave one timer behind, not eight that each come due later.</summary>
internal sealed class WakeTimer(TaskOrchestrationContext context, bool keep) : IDisposable
{
    private CancellationTokenSource? kept;
    private Task? timer;
    private DateTimeOffset wakesAt;

    /// <summary>The timer for <paramref name="wake"/>; <paramref name="perEvent"/> cancels it with the event it races
    /// when timers are not kept.</summary>
    public Task At(DateTimeOffset wake, CancellationToken perEvent)
    {
        if (!keep) return context.CreateTimer(wake.UtcDateTime, perEvent);
        if (timer is { IsCompleted: false } && wakesAt == wake) return timer;
        Release();
        kept = new CancellationTokenSource();
        wakesAt = wake;
        return timer = context.CreateTimer(wake.UtcDateTime, kept.Token);
    }

    public void Dispose() => Release();

    private void Release()
    {
        // Synchronously: the timer's callbacks must run on the orchestrator thread.
        kept?.Cancel();
        kept?.Dispose();
        kept = null;
        timer = null;
    }
}
