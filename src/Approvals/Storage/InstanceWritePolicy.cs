using System.Text.Json;
using System.Text.RegularExpressions;
using Approvals.Workflow;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Approvals.Storage;

/// <summary>
/// On the task hub's table client: after each successful write of a row of the <c>{hub}Instances</c> table (where the
/// workflow engine stores an orchestration's status, custom status included), tells <see cref="InstanceChanges"/>
/// which orchestration it was and, when a request waits on it, the custom and runtime status the write stored, so that
/// request needs no read to learn them.
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
        if (InstanceOf(message.Request.Uri.ToUri()) is not { } id) return;
        changes.Written(id, changes.IsListenedFor(id) && message.Request.Content is { } content ? StoredBy(content) : null);
    }

    /// <summary>The statuses the row's body sets, or null when it is not a JSON entity that sets the custom status.
    /// The task hub merges the runtime status only when it changes, so most writes carry the custom status alone.</summary>
    public static InstanceChanges.Stored? StoredBy(RequestContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var body = new MemoryStream();
            content.WriteTo(body, CancellationToken.None);
            using var entity = JsonDocument.Parse(body.ToArray());
            return entity.RootElement.ValueKind == JsonValueKind.Object
                && entity.RootElement.TryGetProperty("CustomStatus", out var custom) && custom.ValueKind == JsonValueKind.String
                ? new InstanceChanges.Stored(custom.GetString(),
                    entity.RootElement.TryGetProperty("RuntimeStatus", out var runtime) && runtime.ValueKind == JsonValueKind.String ? runtime.GetString() : null)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
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
