using Approvals.Contacts;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Publication;
using Approvals.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Workflow;

/// <summary>The orchestrator and activities as Durable Functions; each body hands over to the library.</summary>
public sealed class WorkflowFunctions(
    LoadDirectory loadDirectory, RecordProgress recordProgress, RecordStep recordStep, SendNotifications sendNotifications, SaveSlate saveSlate,
    PublishAnnouncement publishAnnouncement, RecordStuck recordStuck)
{
    // The input as a parameter (the extension binds the one parameter it does not otherwise handle), not
    // context.GetInput<T>(): the same binding a Durable Task worker gives a TaskOrchestrator<TInput, TOutput>.
    [Function(nameof(WorkshopOrchestration))]
    public static Task<WorkshopOutcome> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, WorkshopStarted input) =>
        new WorkshopOrchestration().RunAsync(context, input);

    [Function(nameof(LoadDirectory))]
    public Task<ProjectDirectory> RunLoadDirectory([ActivityTrigger] string workshopId) => loadDirectory.ExecuteAsync(workshopId);

    [Function(nameof(RecordProgress))]
    public Task<bool> RunRecordProgress([ActivityTrigger] ProgressUpdate update) => recordProgress.ExecuteAsync(update);

    [Function(nameof(RecordStep))]
    public Task<int> RunRecordStep([ActivityTrigger] StepRecord step) => recordStep.ExecuteAsync(step);

    [Function(nameof(SendNotifications))]
    public Task<int> RunSendNotifications([ActivityTrigger] List<Notification> notifications) => sendNotifications.ExecuteAsync(notifications);

    [Function(nameof(SaveSlate))]
    public Task<bool> RunSaveSlate([ActivityTrigger] SlateRecord record) => saveSlate.ExecuteAsync(record);

    [Function(nameof(PublishAnnouncement))]
    public Task<bool> RunPublishAnnouncement([ActivityTrigger] PublicationRequest request, [DurableClient] DurableTaskClient client) =>
        publishAnnouncement.ExecuteAsync(request, client);

    [Function(nameof(RecordStuck))]
    public Task<bool> RunRecordStuck([ActivityTrigger] StuckRecord record) => recordStuck.ExecuteAsync(record);
}
