using System.Collections.Concurrent;
using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Publication;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Approvals.Tests.Workflow;

/// <summary>The real orchestrator on the in-memory Durable Task host, with the activities replaced by recorders
/// (our own ports; storage itself is exercised on Azurite by the integration tests).</summary>
public sealed class WorkflowHarness : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, bool> failOnce = new();
    private readonly ConcurrentDictionary<string, Hold> heldPublications = new();
    private DurableTaskTestHost host = null!;

    public ConcurrentQueue<ProgressUpdate> Progress { get; } = new();
    public ConcurrentQueue<Notification> Notifications { get; } = new();
    public ConcurrentQueue<SlateRecord> Slates { get; } = new();
    public ConcurrentQueue<PublicationRequest> Publications { get; } = new();

    public DurableTaskClient Client => host.Client;

    public async Task InitializeAsync()
    {
        var directory = Builders.Directory();
        host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator<WorkshopOrchestration>();
            registry.AddActivityFunc<string, ProjectDirectory>(nameof(LoadDirectory), (_, _) => directory);
            registry.AddActivityFunc<ProgressUpdate, bool>(nameof(RecordProgress), (_, u) => Enqueue(Progress, u));
            registry.AddActivityFunc<List<Notification>, int>(nameof(SendNotifications), (_, list) =>
            {
                if (list.Count > 0 && failOnce.TryRemove(list[0].WorkshopId, out bool _))
                {
                    throw new InvalidOperationException("Storage is briefly unavailable.");
                }

                foreach (var n in list) Notifications.Enqueue(n);
                return list.Count;
            });
            registry.AddActivityFunc<SlateRecord, bool>(nameof(SaveSlate), (_, s) => Enqueue(Slates, s));
            registry.AddActivityFunc<PublicationRequest, bool>(nameof(PublishAnnouncement), async (_, p) =>
            {
                if (heldPublications.TryGetValue(p.WorkshopId, out var hold))
                {
                    hold.Started.TrySetResult();
                    await hold.Release.Task;
                }

                return Enqueue(Publications, p);
            });
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public async Task<string> StartAsync(Timing? timing = null, Proposal? proposal = null, int maxRounds = 3, string? id = null)
    {
        id ??= ProposalIntake.NewWorkshopId(DateTimeOffset.UtcNow);
        var input = new WorkshopStarted(id, proposal ?? Builders.Proposal(), DateTimeOffset.UtcNow, timing ?? Builders.Slow(), maxRounds);
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WorkshopOrchestration), input, new StartOrchestrationOptions(id));
        return id;
    }

    /// <summary>The next notification batch of <paramref name="id"/> fails once, as a storage outage would.</summary>
    public void FailNotificationsOnce(string id) => failOnce[id] = true;

    /// <summary>Publishing <paramref name="id"/> signals <see cref="Hold.Started"/> and blocks until
    /// <see cref="Hold.Release"/> is completed, so a test can act while the workshop is being published.</summary>
    public Hold HoldPublication(string id) => heldPublications.GetOrAdd(id, _ => new Hold());

    /// <summary>The workflow's answers to events, as its custom status shows them.</summary>
    public async Task<IReadOnlyList<EventAnswer>> AnswersOf(string id) =>
        (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<WorkflowStatus>()?.Answers ?? [];

    public IReadOnlyList<ProgressUpdate> ProgressOf(string id) => Progress.Where(p => p.WorkshopId == id).ToList();

    public IReadOnlyList<Notification> NotificationsOf(string id) => Notifications.Where(n => n.WorkshopId == id).ToList();

    public Stage StageOf(string id) => ProgressOf(id).LastOrDefault()?.Stage ?? Stage.InternalReview;

    /// <summary>Waits until the workflow has recorded a step matching <paramref name="match"/>.</summary>
    public Task<ProgressUpdate> WaitFor(string id, Func<ProgressUpdate, bool> match, string what, int seconds = 20) =>
        Eventually.Until(
            () => Task.FromResult(ProgressOf(id).FirstOrDefault(match)),
            found => found is not null,
            TimeSpan.FromSeconds(seconds),
            _ => $"Workshop {id} did not reach '{what}' in {seconds}s. Steps: " + string.Join(" → ", ProgressOf(id).Select(p => $"{p.Stage}/{p.Entry.Action}")),
            TimeSpan.FromMilliseconds(25))!;

    public Task<ProgressUpdate> WaitForStage(string id, Stage stage, int seconds = 20) =>
        WaitFor(id, p => p.Stage == stage, stage.ToString(), seconds);

    public Task<ProgressUpdate> WaitForAction(string id, string action, int seconds = 20) =>
        WaitFor(id, p => p.Entry.Action == action, action, seconds);

    public async Task<WorkshopOutcome> WaitForOutcome(string id, int seconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done.ReadOutputAs<WorkshopOutcome>()!;
    }

    public Task Decide(string id, Stage stage, Decision decision, int round = 0, string? comment = null, string approver = "project.manager@iom.example.org") =>
        Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(stage, round, approver, decision, comment, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow));

    public Task SendSlate(string id, Slate slate, string? receipt = null) =>
        Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(slate, Guid.NewGuid().ToString("N"), receipt));

    public Task Resubmit(string id, Proposal? proposal = null) =>
        Client.RaiseEventAsync(id, WorkflowEvents.ProposalResubmitted,
            new ProposalResubmitted(proposal ?? Builders.Proposal(), "project.officer@iom.example.org", DateTimeOffset.UtcNow, ProgressOf(id)[^1].Round));

    public Task Cancel(string id, string reason = "Venue unavailable", string? receipt = null) =>
        Client.RaiseEventAsync(id, WorkflowEvents.CancelRequested, new CancelRequested(reason, "project.officer@iom.example.org", DateTimeOffset.UtcNow, receipt));

    /// <summary>Sends a full slate for every invited ministry of the reference workshop.</summary>
    public async Task NominateAll(string id)
    {
        foreach (var invitation in Builders.Proposal().Invitations)
        {
            await SendSlate(id, Builders.Slate(invitation.Ministry, invitation.Quota));
        }
    }

    private static bool Enqueue<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        return true;
    }
}

/// <summary>An activity held open by a test.</summary>
public sealed class Hold
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

[CollectionDefinition(nameof(WorkflowHarness))]
public sealed class WorkflowCollection : ICollectionFixture<WorkflowHarness>;
