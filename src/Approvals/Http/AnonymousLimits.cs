using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Approvals.Http;

/// <summary>The rate limits of the routes anyone may call (the links in mails and the public events), one limiter for
/// both hosts: the server runs it as ASP.NET Core's global rate limiter, the Functions app calls <see cref="GuardAsync"/>
/// from its wrappers because the Functions worker's ASP.NET Core pipeline takes no middleware of ours. A request spends
/// from its client address's bucket first, then from its link's, so a stream of made-up links from one address stops
/// at the address.</summary>
public sealed class AnonymousLimits : IDisposable
{
    private static readonly string[] LinkRoutes = ["decisions", "nominations"];

    public AnonymousLimits(IOptions<ApprovalsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.RateLimits;
        Limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(http => Anonymous(http.Request.Path)
                ? RateLimitPartition.GetTokenBucketLimiter($"client:{ClientAddress.Ip(http)}", _ => Bucket(settings.PerClient))
                : RateLimitPartition.GetNoLimiter(string.Empty)),
            PartitionedRateLimiter.Create<HttpContext, string>(http => LinkToken(http.Request.Path) is { } token
                ? RateLimitPartition.GetTokenBucketLimiter($"link:{Digest(token)}", _ => Bucket(settings.PerLink))
                : RateLimitPartition.GetNoLimiter(string.Empty)));
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>Runs the handler if the request is within its limits, else answers 429 without running it.</summary>
    public async Task<IResult> GuardAsync(HttpContext http, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var lease = Limiter.AttemptAcquire(http);
        return lease.IsAcquired ? await handler() : Refusal(http, lease);
    }

    /// <summary>429 with <c>Retry-After</c>: problem+json for the events API and JSON senders, a bilingual page for people.</summary>
    public static IResult Refusal(HttpContext http, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(lease);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        var body = WantsJson(http.Request)
            ? Problems.Field(StatusCodes.Status429TooManyRequests, "Retry-After", $"Wait {seconds} seconds before trying again.", "Too many requests.")
            : Pages.Message(StatusCodes.Status429TooManyRequests, "Too many requests", "请求过于频繁",
                $"This page was asked for too often in a short time. Wait {seconds} seconds, then try again. Nothing was changed.",
                $"短时间内请求次数过多。请等待 {seconds} 秒后重试。未作任何更改。");
        return new WithRetryAfter(seconds, body);
    }

    public void Dispose() => Limiter.Dispose();

    private static bool Anonymous(PathString path) => LinkToken(path) is not null || Segments(path) is ["api", "events", ..];

    private static string? LinkToken(PathString path) =>
        Segments(path) is ["api", var route, var token] && LinkRoutes.Contains(route, StringComparer.OrdinalIgnoreCase) ? token : null;

    private static string[] Segments(PathString path) => (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool WantsJson(HttpRequest request) =>
        Segments(request.Path) is ["api", "events"]
        || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
        || (request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase)
            && !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));

    // Keys stay small however long a made-up token is.
    private static string Digest(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16);

    private static TokenBucketRateLimiterOptions Bucket(RateLimit limit) => new()
    {
        TokenLimit = limit.Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limit.PerMinute,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private sealed class WithRetryAfter(int seconds, IResult body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return body.ExecuteAsync(httpContext);
        }
    }
}
