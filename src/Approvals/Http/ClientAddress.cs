using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approvals.Http;

/// <summary>Who sent a request, as far as the server can know: the connection's address (a configured proxy's
/// <c>X-Forwarded-For</c> already applied by the forwarded-headers middleware), and apart from it what the client claimed.</summary>
public static class ClientAddress
{
    // A claim is evidence, not identity; a long one is cut so a client cannot bloat the audit log with it.
    private const int MaxClaimLength = 200;

    /// <summary>The address recorded as the client's.</summary>
    public static string? Ip(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        return (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString();
    }

    /// <summary>What is left of <c>X-Forwarded-For</c> after the trusted proxies' entries were taken: nobody vouches for it.</summary>
    public static string? ForwardedFor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var claim = http.Request.Headers["X-Forwarded-For"].ToString().Trim();
        return claim.Length == 0 ? null : claim.Length > MaxClaimLength ? claim[..MaxClaimLength] : claim;
    }

    /// <summary>Why a proxy setting is unusable, for the start-up check.</summary>
    public static IEnumerable<string> Errors(ForwardedHeadersSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (proxy, i) in settings.KnownProxies.Select((p, i) => (p, i)).Where(p => !IPAddress.TryParse(p.p, out _)))
        {
            yield return $"Approvals:ForwardedHeaders:KnownProxies:{i} must be an IP address, not '{proxy}'.";
        }

        foreach (var (network, i) in settings.KnownNetworks.Select((n, i) => (n, i)).Where(n => !System.Net.IPNetwork.TryParse(n.n, out _)))
        {
            yield return $"Approvals:ForwardedHeaders:KnownNetworks:{i} must be a network in CIDR form (e.g. 10.0.0.0/24), not '{network}'.";
        }
    }
}

/// <summary>ASP.NET Core's forwarded-headers middleware, believing <c>X-Forwarded-For</c> only from the configured proxies.
/// With none configured it is left out: given empty lists it would believe every sender. Built when the server starts,
/// after the settings were validated.</summary>
internal sealed class ForwardedFromKnownProxies
{
    private readonly RequestDelegate next;

    public ForwardedFromKnownProxies(RequestDelegate next, IOptions<ApprovalsOptions> options, ILoggerFactory loggerFactory)
    {
        var settings = options.Value.ForwardedHeaders;
        if (!settings.Configured)
        {
            this.next = next;
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in settings.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        this.next = new ForwardedHeadersMiddleware(next, loggerFactory, Options.Create(forwarded)).Invoke;
    }

    public Task InvokeAsync(HttpContext context) => next(context);
}
