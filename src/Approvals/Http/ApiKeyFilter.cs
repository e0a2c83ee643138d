using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Approvals.Http;

/// <summary>The staff key check: <c>x-functions-key</c> header or <c>code</c> query (as Azure Functions keys are sent),
/// or the password of HTTP Basic authentication with any user name, which a browser remembers for the origin and sends
/// as a header, so pages never need the key in their links.</summary>
public sealed class ApiKeyFilter(IOptions<ApprovalsOptions> options) : IEndpointFilter
{
    public const string Realm = "Approvals staff";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (IsAuthorized(http.Request)) return await next(context);
        Challenge(http.Response);
        return Problems.Unauthorized();
    }

    /// <summary>Asks a browser for the key; API clients ignore the header.</summary>
    public static void Challenge(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
    }

    public bool IsAuthorized(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers["x-functions-key"].ToString();
        if (presented.Length == 0) presented = BasicPassword(request) ?? string.Empty;
        if (presented.Length == 0) presented = request.Query["code"].ToString();
        if (presented.Length == 0) return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        return options.Value.ApiKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), bytes));
    }

    private static string? BasicPassword(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 } encoded)
        {
            return null;
        }

        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length)) return null;
        var credentials = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
