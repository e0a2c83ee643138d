using Approvals.Contacts;
using Approvals.Events;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Participants;
using Approvals.Publication;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>Registers the orchestrators and every activity with a Durable Task worker (the server and tests).</summary>
public static class WorkflowRegistry
{
    public static DurableTaskRegistry AddApprovalsWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<WorkshopOrchestration>();
        registry.AddActivity<LoadDirectory>();
        registry.AddActivity<RecordProgress>();
        registry.AddActivity<RecordStep>();
        registry.AddActivity<SendNotifications>();
        registry.AddActivity<SaveSlate>();
        registry.AddActivity<PublishAnnouncement>();
        registry.AddActivity<RecordStuck>();
        registry.AddOrchestrator<WorkshopEvent>();
        registry.AddActivity<AnnounceChange>();
        registry.AddActivity<RecordAnswer>();
        registry.AddActivity<ApplySubstitution>();
        registry.AddActivity<RemindParticipants>();
        return registry;
    }
}
