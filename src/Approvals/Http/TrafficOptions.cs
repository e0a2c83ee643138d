namespace Approvals.Http;

/// <summary>Settings under <c>Approvals:ForwardedHeaders:</c>: the proxies whose <c>X-Forwarded-For</c> is believed.
/// None by default, so a client cannot put a made-up address into the audit log.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of reverse proxies in front of the server, e.g. <c>10.0.0.4</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of reverse proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Configured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>Settings under <c>Approvals:RateLimits:</c> for the anonymous routes (links in mails and the public events).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Per link: a person opens and submits a few times; a mail scanner adds a handful more in a burst.</summary>
    public RateLimit PerLink { get; set; } = new() { Burst = 20, PerMinute = 4 };

    /// <summary>Per client address: generous, because one office's people can share one public address.</summary>
    public RateLimit PerClient { get; set; } = new() { Burst = 120, PerMinute = 60 };
}

/// <summary>A token bucket: up to <see cref="Burst"/> requests at once, refilled by <see cref="PerMinute"/> a minute.</summary>
public sealed class RateLimit
{
    public int Burst { get; set; }

    public int PerMinute { get; set; }
}
