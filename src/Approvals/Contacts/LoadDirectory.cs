using Approvals.Storage;
using Approvals.Telemetry;
using Microsoft.DurableTask;

namespace Approvals.Contacts;

/// <summary>Activity: reads the project directory so the workflow knows whom to ask.</summary>
public sealed class LoadDirectory(DirectoryStore store) : TaskActivity<string, ProjectDirectory>
{
    public override Task<ProjectDirectory> RunAsync(TaskActivityContext context, string input) => ExecuteAsync(input);

    public Task<ProjectDirectory> ExecuteAsync(string workshopId) =>
        ApprovalsTelemetry.RunStepAsync(nameof(LoadDirectory), traceParent: null, workshopId, store.LoadAsync);
}
