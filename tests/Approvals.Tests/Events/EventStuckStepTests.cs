using System.Collections.Concurrent;
using Approvals.Contacts;
using Approvals.Events;
using Approvals.Notifications;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Approvals.Tests.Events;

/// <summary>A step of the life after publication that keeps failing is stuck, not failed: the status shows it, the
/// escalation contacts are told once, and a retry runs it again — the same as in the approval workflow.</summary>
public sealed class EventStuckStepTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<StuckRecord> stuckRecords = new();
    private readonly ConcurrentQueue<Notification> mails = new();
    private readonly ConcurrentQueue<EventChange> announced = new();
    private volatile bool announcing;
    private DurableTaskTestHost host = null!;

    public async Task InitializeAsync() => host = await InMemoryDurable.StartAsync(registry =>
    {
        registry.AddOrchestrator<WorkshopEvent>();
        registry.AddActivityFunc<ProgressUpdate, bool>(nameof(RecordProgress), (_, _) => true);
        registry.AddActivityFunc<EventChange, int>(nameof(AnnounceChange), (_, c) =>
        {
            if (!announcing) throw new InvalidOperationException("The mail queue is not reachable.");
            announced.Enqueue(c);
            return 1;
        });
        registry.AddActivityFunc<StuckRecord, bool>(nameof(RecordStuck), (_, r) =>
        {
            stuckRecords.Enqueue(r);
            return true;
        });
        registry.AddActivityFunc<string, ProjectDirectory>(nameof(LoadDirectory), (_, _) => new ProjectDirectory([], [], ["liaison.office@iom.example.org"], []));
        registry.AddActivityFunc<IReadOnlyList<Notification>, int>(nameof(SendNotifications), (_, batch) =>
        {
            foreach (var m in batch) mails.Enqueue(m);
            return batch.Count;
        });
    });

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    [Fact]
    public async Task AnAnnouncementThatKeepsFailingIsStuckUntilRetriedAndTheRunGoesOn()
    {
        var id = $"ws-{Guid.NewGuid():N}"[..20];
        var instance = $"{id}-event";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WorkshopEvent),
            new EventStarted(id, Builders.Proposal(), 0, TimeSpan.FromMilliseconds(20)), new StartOrchestrationOptions(instance));
        var schedule = new Schedule(new DateOnly(2027, 4, 6), new DateOnly(2027, 4, 7), "Shanghai");
        await host.Client.RaiseEventAsync(instance, WorkflowEvents.PostponeRequested, new PostponeRequested(schedule, "Trainer ill", "staff", DateTimeOffset.UtcNow, "p1"));

        var stuck = await Eventually.Found(async () => (await host.Client.GetInstanceAsync(instance, getInputsAndOutputs: true))?.ReadCustomStatusAs<WorkflowStatus>()?.Stuck,
            TimeSpan.FromSeconds(60), "the stuck step in the run's status");
        Assert.Equal(nameof(AnnounceChange), stuck.Step);
        Assert.Contains("The mail queue is not reachable", stuck.Reason, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(instance))!.RuntimeStatus);
        // The status shows it first; the history and the mail follow.
        await Eventually.WaitFor(() => Task.FromResult(!mails.IsEmpty));
        var told = Assert.Single(mails);
        Assert.Equal((NotificationKind.StepStuck, "liaison.office@iom.example.org"), (told.Kind, told.To));
        Assert.Equal(AuditActions.StepStuck, Assert.Single(stuckRecords).Entry.Action);

        // A retry of another failure runs nothing; the one for this failure runs the step again.
        await host.Client.RaiseEventAsync(instance, WorkflowEvents.RetryRequested, new RetryRequested("an-older-failure", "staff", DateTimeOffset.UtcNow));
        await Task.Delay(500);
        Assert.Empty(announced);
        announcing = true;
        await host.Client.RaiseEventAsync(instance, WorkflowEvents.RetryRequested, new RetryRequested(stuck.Id, "staff", DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await host.Client.GetInstanceAsync(instance, getInputsAndOutputs: true))?.ReadCustomStatusAs<WorkflowStatus>() is { Stuck: null }
            && !announced.IsEmpty && stuckRecords.Count == 2);
        // The status clears first; the history's "ran again" line follows it (best effort, after the step).
        Assert.Equal((EventChangeKind.Postponed, 1), (Assert.Single(announced).Kind, announced.Single().Sequence));
        Assert.Equal([AuditActions.StepStuck, AuditActions.StepRetried], stuckRecords.Select(r => r.Entry.Action));
        Assert.Single(mails);

        await host.Client.RaiseEventAsync(instance, WorkflowEvents.CancelRequested, new CancelRequested("Venue closed", "staff", DateTimeOffset.UtcNow, "c1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(new EventOutcome(EventEnd.Cancelled, 2), done.ReadOutputAs<EventOutcome>());
    }
}
