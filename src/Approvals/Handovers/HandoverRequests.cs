using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;

namespace Approvals.Handovers;

/// <summary>Sends a handover to the workflow and waits for its answer, for the reassign API and the pass-on forms alike:
/// nobody is told a request moved before the workflow says it did.</summary>
public static class HandoverRequests
{
    /// <summary>How long a confirmed handover may take to reach the stored snapshot the link pages read.</summary>
    private static readonly TimeSpan SnapshotPatience = TimeSpan.FromSeconds(15);

    /// <param name="workshops">Where the link pages read holders: a "used" answer waits until the handover shows there
    /// (the workflow answers as it schedules the step that writes it), so the old link says "passed to" from the moment
    /// the page says it was passed on.</param>
    public static async Task<WorkflowAnswer> AskAsync(this DurableTaskClient client, string workshopId, HandoverRequested asked, WorkshopStore workshops,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(workshops);
        var answer = await client.RaiseAndHearAsync(workshopId, WorkflowEvents.HandoverRequested, asked, asked.Receipt,
            s => s.Stage == asked.Stage && s.Round == asked.Round, cancellation);
        if (answer.Hearing != Hearing.Used) return answer;
        var stored = await Polling.UntilAsync(async () => (await workshops.GetAsync(workshopId))?.Handovers
            .Any(h => h.Stage == asked.Stage && h.Round == asked.Round
            && string.Equals(h.From, asked.From.Trim(), StringComparison.OrdinalIgnoreCase) && string.Equals(h.To, asked.To.Trim(), StringComparison.OrdinalIgnoreCase)) == true, SnapshotPatience, cancellation);
        return stored ? answer : answer with { Hearing = Hearing.Unconfirmed };
    }
}
