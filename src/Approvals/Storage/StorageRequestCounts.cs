using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;

namespace Approvals.Storage;

/// <summary>How many requests this process sent to each table, queue and blob container, counted by a pipeline policy
/// on the storage clients when <see cref="Setting"/> is on (the benchmark turns it on; nothing is counted otherwise).</summary>
public sealed class StorageRequestCounts
{
    public const string Setting = "Approvals:Diagnostics:CountStorageRequests";

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public StorageRequestCounts(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    public static StorageRequestCounts FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new StorageRequestCounts(bool.TryParse(configuration[Setting], out var on) && on);
    }

    /// <summary>The policy to add to a client's options for <paramref name="service"/> (<c>table</c>, <c>queue</c>,
    /// <c>blob</c>), or null when counting is off, so the pipeline stays as shipped.</summary>
    public HttpPipelinePolicy? PolicyFor(string service) => Enabled ? new CountingPolicy(this, service) : null;

    public void Count(string service, Uri uri) => counts.AddOrUpdate(ResourceOf(service, uri), 1, (_, n) => n + 1);

    public StorageRequestSnapshot Snapshot()
    {
        var copy = counts.ToArray().OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        return new StorageRequestSnapshot(copy.Values.Sum(), copy);
    }

    /// <summary><c>table/Workshops</c>, <c>queue/notifications</c>, <c>blob/mailbox</c>: the first path segment after
    /// the account, which an emulator on an address (path style) puts first and Azure puts in the host name.</summary>
    public static string ResourceOf(string service, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathStyle = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback;
        var first = pathStyle ? 1 : 0;
        var name = segments.Length > first ? Uri.UnescapeDataString(segments[first]) : "(account)";
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0) name = name[..paren];
        return $"{service}/{name}";
    }

    private sealed class CountingPolicy(StorageRequestCounts counts, string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => counts.Count(service, message.Request.Uri.ToUri());
    }
}

/// <summary>Requests so far: the total and each resource's share, keyed <c>service/name</c>.</summary>
public sealed record StorageRequestSnapshot(long Total, IReadOnlyDictionary<string, long> ByResource);
