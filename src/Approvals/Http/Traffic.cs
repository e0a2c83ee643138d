using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Approvals.Http;

/// <summary>What stands between the network and the routes: the client's true address, the rate limits of the anonymous
/// routes and the headers of every response.</summary>
public static class Traffic
{
    public static IServiceCollection AddApprovalsTraffic(this IServiceCollection services)
    {
        services.AddSingleton<AnonymousLimits>();
        services.AddSingleton<IValidateOptions<ApprovalsOptions>, TrafficOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<AnonymousLimits>((options, limits) =>
        {
            options.GlobalLimiter = limits.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => new ValueTask(AnonymousLimits.Refusal(rejected.HttpContext, rejected.Lease).ExecuteAsync(rejected.HttpContext));
        });
        return services;
    }

    /// <summary>The self-hosted server's front: forwarded headers from known proxies only, then the response headers,
    /// then the rate limits (which so see the true client address).</summary>
    public static IApplicationBuilder UseApprovalsTraffic(this IApplicationBuilder app)
    {
        app.UseMiddleware<ForwardedFromKnownProxies>();
        app.Use(SecurityHeaders.Middleware);
        return app.UseRateLimiter();
    }
}

/// <summary>Stops the app at start-up on a proxy address or a rate limit that cannot work.</summary>
internal sealed class TrafficOptionsValidator : IValidateOptions<ApprovalsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = ClientAddress.Errors(options.ForwardedHeaders).ToList();
        foreach (var (key, limit) in new[] { (nameof(RateLimitSettings.PerLink), options.RateLimits.PerLink), (nameof(RateLimitSettings.PerClient), options.RateLimits.PerClient) })
        {
            if (limit.Burst is < 1 or > 100_000) failures.Add($"Approvals:RateLimits:{key}:Burst must be between 1 and 100000, not {limit.Burst}.");
            if (limit.PerMinute is < 1 or > 60_000) failures.Add($"Approvals:RateLimits:{key}:PerMinute must be between 1 and 60000, not {limit.PerMinute}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
