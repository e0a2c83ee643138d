using System.Collections.Concurrent;
using Approvals.Events;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Approvals.Tests.Events;

/// <summary>The life after publication on the in-memory Durable Task host, its two activities replaced by recorders.</summary>
public sealed class WorkshopEventTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<ProgressUpdate> progress = new();
    private readonly ConcurrentQueue<EventChange> changes = new();
    private DurableTaskTestHost host = null!;

    public async Task InitializeAsync() => host = await InMemoryDurable.StartAsync(registry =>
    {
        registry.AddOrchestrator<WorkshopEvent>();
        registry.AddActivityFunc<ProgressUpdate, bool>(nameof(RecordProgress), (_, u) =>
        {
            progress.Enqueue(u);
            return true;
        });
        registry.AddActivityFunc<EventChange, int>(nameof(AnnounceChange), (_, c) =>
        {
            changes.Enqueue(c);
            return 1;
        });
    });

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    private async Task<string> StartAsync()
    {
        var id = $"ws-{Guid.NewGuid():N}"[..20];
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WorkshopEvent),
            new EventStarted(id, Builders.Proposal(), 0, TimeSpan.FromMilliseconds(50)), new StartOrchestrationOptions($"{id}-event"));
        return id;
    }

    private async Task<WorkflowAnswer> Postpone(string id, int month, string receipt)
    {
        var schedule = new Schedule(new DateOnly(2027, month, 6), new DateOnly(2027, month, 7), "Shanghai");
        await host.Client.RaiseEventAsync($"{id}-event", WorkflowEvents.PostponeRequested, new PostponeRequested(schedule, "Trainer ill", "staff", DateTimeOffset.UtcNow, receipt));
        return await host.Client.AnswerToAsync($"{id}-event", receipt, s => s.Stage == Stage.Published);
    }

    [Fact]
    public async Task TwoPostponementsAndACancellationNumberTheCalendarOneTwoThreeAndEndTheRun()
    {
        var id = await StartAsync();

        Assert.Equal(Hearing.Used, (await Postpone(id, 4, "p1")).Hearing);
        Assert.Equal(Hearing.Used, (await Postpone(id, 5, "p2")).Hearing);
        await host.Client.RaiseEventAsync($"{id}-event", WorkflowEvents.CancelRequested, new CancelRequested("Venue closed", "staff", DateTimeOffset.UtcNow, "c1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync($"{id}-event", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(new EventOutcome(EventEnd.Cancelled, 3), done.ReadOutputAs<EventOutcome>());
        Assert.Equal(
            [(EventChangeKind.Postponed, 1, 4, 3), (EventChangeKind.Postponed, 2, 5, 4), (EventChangeKind.Cancelled, 3, 5, 5)],
            changes.Select(c => (c.Kind, c.Sequence, c.Now.StartDate.Month, c.Before.StartDate.Month)));
        Assert.Equal([AuditActions.Postponed, AuditActions.Postponed, AuditActions.Cancelled], progress.Select(p => p.Entry.Action));
        Assert.Equal([Stage.Published, Stage.Published, Stage.Cancelled], progress.Select(p => p.Stage));
        Assert.Equal(new DateOnly(2027, 5, 6), progress.ElementAt(1).Proposal!.StartDate);

        // Numbered after every step of the approval workflow, so storage takes them as the newest.
        Assert.Equal([1_000_001L, 1_000_002L, 1_000_003L], progress.Select(p => p.Sequence));
    }

    [Fact]
    public async Task AfterTheCancellationAPostponementIsNotUsed()
    {
        var id = await StartAsync();
        await host.Client.RaiseEventAsync($"{id}-event", WorkflowEvents.CancelRequested, new CancelRequested("Venue closed", "staff", DateTimeOffset.UtcNow, "c1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.Client.WaitForInstanceCompletionAsync($"{id}-event", timeout.Token);

        var answer = await Postpone(id, 4, "late");

        Assert.Equal(Hearing.NotUsed, answer.Hearing);
        Assert.DoesNotContain(changes, c => c.Kind == EventChangeKind.Postponed);
    }
}
