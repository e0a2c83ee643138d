using Approvals.Workflow;
using Microsoft.DurableTask.Client;

namespace Approvals.Handovers;

/// <summary>Sends a handover to the workflow and waits for its answer, for the reassign API and the pass-on forms alike:
/// nobody is told a request moved before the workflow says it did.</summary>
public static class HandoverRequests
{
    public static async Task<WorkflowAnswer> AskAsync(this DurableTaskClient client, string workshopId, HandoverRequested asked, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(asked);
        await client.RaiseEventAsync(workshopId, WorkflowEvents.HandoverRequested, asked, cancellation);
        return await client.AnswerToAsync(workshopId, asked.Receipt, s => s.Stage == asked.Stage && s.Round == asked.Round, cancellation);
    }
}
