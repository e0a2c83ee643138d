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
    private readonly ConcurrentDictionary<(string Id, string Activity), string> broken = new();
    private DurableTaskTestHost host = null!;

    public ConcurrentQueue<ProgressUpdate> Progress { get; } = new();
    public ConcurrentQueue<Notification> Notifications { get; } = new();
    public ConcurrentQueue<SlateRecord> Slates { get; } = new();
    public ConcurrentQueue<PublicationRequest> Publications { get; } = new();
    public ConcurrentQueue<StuckRecord> StuckRecords { get; } = new();

    /// <summary>Every activity call, in the order the workflow made them: each is an episode that reloads the history.</summary>
    public ConcurrentQueue<(string Id, string Activity)> Calls { get; } = new();

    public DurableTaskClient Client => host.Client;

    public async Task InitializeAsync()
    {
        var directory = Builders.Directory();
        host = await InMemoryDurable.StartAsync(registry =>
        {
            registry.AddOrchestrator<WorkshopOrchestration>();
            registry.AddActivityFunc<string, ProjectDirectory>(nameof(LoadDirectory), (_, id) =>
            {
                Calls.Enqueue((id, nameof(LoadDirectory)));
                Unbroken(id, nameof(LoadDirectory));
                DirectoryReads.Enqueue(id);
                return directory;
            });
            registry.AddActivityFunc<ProgressUpdate, bool>(nameof(RecordProgress), (_, u) => Called(u.WorkshopId, nameof(RecordProgress)) && Enqueue(Progress, u));
            registry.AddActivityFunc<List<Notification>, int>(nameof(SendNotifications), (_, list) =>
            {
                if (list.Count > 0) Called(list[0].WorkshopId, nameof(SendNotifications));
                if (list.Count > 0 && failOnce.TryRemove(list[0].WorkshopId, out bool _))
                {
                    throw new InvalidOperationException("Storage is briefly unavailable.");
                }

                foreach (var n in list) Notifications.Enqueue(n);
                return list.Count;
            });
            registry.AddActivityFunc<StepRecord, int>(nameof(RecordStep), (_, step) =>
            {
                // A step fails as a whole when any of its parts fails: each part breaks as its own activity did.
                var id = step.Progress.WorkshopId;
                Called(id, nameof(RecordStep));
                if (step.Slate is not null) Unbroken(id, nameof(SaveSlate));
                Unbroken(id, nameof(RecordProgress));
                if (step.Mails.Count > 0) Unbroken(id, nameof(SendNotifications));
                if (step.Slate is { } slate) Slates.Enqueue(slate);
                Progress.Enqueue(step.Progress);
                foreach (var n in step.Mails) Notifications.Enqueue(n);
                return step.Mails.Count;
            });
            registry.AddActivityFunc<SlateRecord, bool>(nameof(SaveSlate), (_, s) => Called(s.WorkshopId, nameof(SaveSlate)) && Enqueue(Slates, s));
            registry.AddActivityFunc<PublicationRequest, bool>(nameof(PublishAnnouncement), async (_, p) =>
            {
                if (heldPublications.TryGetValue(p.WorkshopId, out var hold))
                {
                    hold.Started.TrySetResult();
                    await hold.Release.Task;
                }

                return Called(p.WorkshopId, nameof(PublishAnnouncement)) && Enqueue(Publications, p);
            });
            registry.AddActivityFunc<StuckRecord, bool>(nameof(RecordStuck), (_, r) => Called(r.WorkshopId, nameof(RecordStuck)) && Enqueue(StuckRecords, r));
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>The workshop id of every directory read, in order.</summary>
    public ConcurrentQueue<string> DirectoryReads { get; } = new();

    /// <param name="directory">The directory the submission read, as <c>ProposalIntake</c> passes it (null: the run reads it).</param>
    public async Task<string> StartAsync(Timing? timing = null, Proposal? proposal = null, int maxRounds = 3, string? id = null,
        int version = WorkshopStarted.Current, ProjectDirectory? directory = null)
    {
        id ??= ProposalIntake.NewWorkshopId(DateTimeOffset.UtcNow);
        var input = new WorkshopStarted(id, proposal ?? Builders.Proposal(), DateTimeOffset.UtcNow, timing ?? Builders.Slow(), maxRounds, version)
        {
            Directory = directory,
        };
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
    /// <summary>Every call of <paramref name="activity"/> for <paramref name="id"/> fails with <paramref name="reason"/> until
    /// <see cref="Mend"/>: a cause that only a person fixes.</summary>
    public void Break(string id, string activity, string reason = "The table specified does not exist.") => broken[(id, activity)] = reason;

    public void Mend(string id, string activity) => broken.TryRemove((id, activity), out _);

    /// <summary>The step the workflow shows as stuck (its custom status), or null.</summary>
    public async Task<StuckStep?> StuckOf(string id)
    {
        var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        return instance?.SerializedCustomStatus is { Length: > 0 } ? instance.ReadCustomStatusAs<WorkflowStatus>()?.Stuck : null;
    }

    /// <summary>Waits until the workflow shows a stuck step that <paramref name="match"/> accepts.</summary>
    public Task<StuckStep?> WaitForStuck(string id, Func<StuckStep, bool>? match = null, int seconds = 20) =>
        Eventually.Until(() => StuckOf(id), s => s is not null && (match?.Invoke(s) ?? true), TimeSpan.FromSeconds(seconds),
            s => $"Workshop {id} did not show the stuck step in {seconds}s (last: {s}).", TimeSpan.FromMilliseconds(25));

    /// <summary>Staff asking to run the stuck step again, as <c>POST /api/workshops/{id}/retry</c> does.</summary>
    public async Task Retry(string id)
    {
        var stuck = await StuckOf(id) ?? throw new InvalidOperationException($"Workshop {id} is not stuck.");
        await Client.RaiseEventAsync(id, WorkflowEvents.RetryRequested, new RetryRequested(stuck.Id, "staff", DateTimeOffset.UtcNow));
    }

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

    public Task Decide(string id, Stage stage, Decision decision, int round = 0, string? comment = null, string approver = "project.manager@iom.example.org",
        ProjectDirectory? directory = null) =>
        Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(stage, round, approver, decision, comment, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow) { Directory = directory });

    public Task SendSlate(string id, Slate slate, string? receipt = null, ProjectDirectory? directory = null) =>
        Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(slate, Guid.NewGuid().ToString("N"), receipt) { Directory = directory });

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

    /// <summary>The names of the activities <paramref name="id"/> called, in order.</summary>
    public IReadOnlyList<string> CallsOf(string id) => Calls.Where(c => c.Id == id).Select(c => c.Activity).ToList();

    private bool Called(string id, string activity)
    {
        Calls.Enqueue((id, activity));
        return Unbroken(id, activity);
    }

    private bool Unbroken(string id, string activity) =>
        broken.TryGetValue((id, activity), out var reason) ? throw new InvalidOperationException(reason) : true;

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
