using Microsoft.AspNetCore.Http;

namespace Approvals.Http;

/// <summary>The headers every response carries, JSON, problems and 404s included: never sniffed as another type, never
/// framed. <c>X-Frame-Options</c> stands beside the pages' CSP <c>frame-ancestors</c> because IE-mode browsers in
/// government offices ignore CSP.</summary>
public static class SecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>For the server's pipeline: applied as the response starts, so an error page written after the headers
    /// were cleared still gets them.</summary>
    public static Task Middleware(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Response.OnStarting(static state =>
        {
            Apply((HttpResponse)state);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
