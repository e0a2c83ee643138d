using Approvals.Storage;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>Activity: after every step, updates the workshop's snapshot and appends to its audit log.</summary>
public sealed class RecordProgress(WorkshopStore workshops, AuditLog audit) : TaskActivity<ProgressUpdate, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ProgressUpdate input) => ExecuteAsync(input);

    public async Task<bool> ExecuteAsync(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        await audit.AppendAsync(update.WorkshopId, update.Entry);
        await workshops.ApplyAsync(update);
        return true;
    }
}
