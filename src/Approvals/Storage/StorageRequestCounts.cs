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

    /// <summary>Also counts each request by the code that sent it (three frames of its stack). Costs a stack walk per
    /// request, so it is for finding where requests come from, never for the figures a run reports.</summary>
    public const string OriginsSetting = "Approvals:Diagnostics:CountStorageRequestOrigins";

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> origins = new(StringComparer.Ordinal);

    public StorageRequestCounts(bool enabled, bool origins = false) => (Enabled, CountsOrigins) = (enabled, enabled && origins);

    public bool Enabled { get; }

    public bool CountsOrigins { get; }

    public static StorageRequestCounts FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new StorageRequestCounts(bool.TryParse(configuration[Setting], out var on) && on,
            bool.TryParse(configuration[OriginsSetting], out var origins) && origins);
    }

    /// <summary>The policy to add to a client's options for <paramref name="service"/> (<c>table</c>, <c>queue</c>,
    /// <c>blob</c>), or null when counting is off, so the pipeline stays as shipped.</summary>
    public HttpPipelinePolicy? PolicyFor(string service) => Enabled ? new CountingPolicy(this, service) : null;

    public void Count(string service, string method, Uri uri)
    {
        var resource = ResourceOf(service, uri);
        counts.AddOrUpdate(resource, 1, (_, n) => n + 1);
        var operation = $"{resource} {OperationOf(service, method, uri)}";
        operations.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (CountsOrigins) origins.AddOrUpdate($"{operation} <- {RequestOrigin.OfCaller()}", 1, (_, n) => n + 1);
    }

    public StorageRequestSnapshot Snapshot()
    {
        var copy = Sorted(counts);
        return new StorageRequestSnapshot(copy.Values.Sum(), copy) { ByOperation = Sorted(operations), ByOrigin = Sorted(origins) };
    }

    private static Dictionary<string, long> Sorted(ConcurrentDictionary<string, long> source) =>
        source.ToArray().OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    /// <summary>What kind of request it was, so a count can be read as work: a table's <c>point read</c>,
    /// <c>query</c>, <c>write</c> or <c>batch</c>; a queue's <c>receive</c>, <c>send</c>, <c>delete</c> or <c>update</c>.</summary>
    public static string OperationOf(string service, string method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.AbsolutePath;
        return (service, method.ToUpperInvariant()) switch
        {
            ("table", _) when path.EndsWith("$batch", StringComparison.Ordinal) => "batch",
            ("table", "GET") => path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "point read" : "query",
            ("table", "DELETE") => "delete",
            ("table", _) => "write",
            ("queue", "GET") => path.EndsWith("/messages", StringComparison.Ordinal) ? "receive" : "properties",
            ("queue", "POST") => "send",
            ("queue", "DELETE") => path.Contains("/messages/", StringComparison.Ordinal) ? "delete" : "delete queue",
            ("queue", "PUT") => path.Contains("/messages/", StringComparison.Ordinal) ? "update" : "create",
            _ => method.ToUpperInvariant(),
        };
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
        public override void OnSendingRequest(HttpMessage message) => counts.Count(service, message.Request.Method.Method, message.Request.Uri.ToUri());
    }
}

/// <summary>Requests so far: the total and each resource's share, keyed <c>service/name</c>.</summary>
public sealed record StorageRequestSnapshot(long Total, IReadOnlyDictionary<string, long> ByResource)
{
    /// <summary>The same requests by resource and kind, keyed <c>service/name kind</c> (see
    /// <see cref="StorageRequestCounts.OperationOf"/>).</summary>
    public IReadOnlyDictionary<string, long> ByOperation { get; init; } = new Dictionary<string, long>();

    /// <summary>By resource, kind and the code that sent it (empty unless <see cref="StorageRequestCounts.OriginsSetting"/> is on).</summary>
    public IReadOnlyDictionary<string, long> ByOrigin { get; init; } = new Dictionary<string, long>();
}
