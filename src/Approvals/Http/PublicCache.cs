using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Approvals.Http;

/// <summary>A public response (the events and their pages) that browsers and proxies may keep for a minute and then
/// revalidate with its ETag, answered 304 when unchanged. Only a 200 is marked; anything else keeps its own headers, so
/// link pages stay <c>no-store</c>.</summary>
public sealed class PublicCache(IResult inner) : IResult
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var original = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await inner.ExecuteAsync(httpContext);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(buffer.ToArray()), 0, 16)}\"");
            response.Headers.CacheControl = $"public, max-age={(int)MaxAge.TotalSeconds}";
            response.Headers.ETag = tag.ToString();
            if (EntityTagHeaderValue.TryParseList(httpContext.Request.Headers.IfNoneMatch, out var asked)
                && asked.Any(t => t.Compare(tag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, httpContext.RequestAborted);
    }
}
