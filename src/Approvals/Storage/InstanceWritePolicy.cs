using System.Text.RegularExpressions;
using Approvals.Workflow;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Approvals.Storage;

/// <summary>
/// On the task hub's table client: after each successful write of a row of the <c>{hub}Instances</c> table (where the
/// workflow engine stores an orchestration's status, custom status included), tells <see cref="InstanceChanges"/>
/// which orchestration it was, so a request waiting for that workflow's answer reads it at once.
/// </summary>
public sealed partial class InstanceWritePolicy : HttpPipelineSynchronousPolicy
{
    private readonly InstanceChanges changes;

    public InstanceWritePolicy(InstanceChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        this.changes = changes;
        changes.Feed();
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method == RequestMethod.Get || message.Response.Status is < 200 or >= 300) return;
        if (InstanceOf(message.Request.Uri.ToUri()) is { } id) changes.Written(id);
    }

    /// <summary>The orchestration whose status row <paramref name="uri"/> addresses, or null for any other request.</summary>
    public static string? InstanceOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var match = InstanceRow().Match(path);
        return match.Success ? match.Groups["key"].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    [GeneratedRegex(@"Instances\(PartitionKey='(?<key>(?:[^']|'')*)',RowKey='[^']*'\)$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceRow();
}
