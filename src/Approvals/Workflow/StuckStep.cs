using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>A step whose activity still failed after its retries: which one, why in short, and since when. The workshop
/// waits at its stage until staff retry the step or cancel the workshop. <paramref name="Id"/> names this failure, so a
/// retry request is matched to the failure it was sent for.</summary>
public sealed record StuckStep(string Id, string Step, string Reason, DateTimeOffset Since)
{
    public const int MaxReasonLength = 300;

    /// <summary>The failure's first line (the SDK's later lines are request ids and headers) and the storage error code
    /// when there is one, short enough for a status line and a mail.</summary>
    public static string ReasonOf(TaskFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var details = failure.FailureDetails;
        var lines = (details.ErrorMessage ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = lines.FirstOrDefault() ?? details.ErrorType;
        var code = lines.FirstOrDefault(l => l.StartsWith("ErrorCode:", StringComparison.Ordinal))?["ErrorCode:".Length..].Trim();
        var reason = string.IsNullOrEmpty(code) || first.Contains(code, StringComparison.Ordinal) ? first : $"{first} ({code})";
        return reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");
    }
}

/// <summary>What <see cref="RecordStuck"/> stores: the stuck step (null: no longer stuck) and one audit line.</summary>
public sealed record StuckRecord(string WorkshopId, StuckStep? Stuck, AuditEntry Entry);
