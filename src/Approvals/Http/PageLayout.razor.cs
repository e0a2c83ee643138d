using Microsoft.AspNetCore.Http;

namespace Approvals.Http;

/// <summary>The headers every page is served with: never cached (links carry tokens and pages show personal data),
/// never sniffed, never framed, no referrer leaking a token, and nothing loaded from anywhere but inline styles.</summary>
public partial class PageLayout
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void WriteHeaders(HttpResponse response, int status)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
