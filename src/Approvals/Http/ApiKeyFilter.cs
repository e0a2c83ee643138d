using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Approvals.Http;

/// <summary>The server's stand-in for Azure Functions keys: <c>x-functions-key</c> header or <c>code</c> query.</summary>
public sealed class ApiKeyFilter(IOptions<ApprovalsOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsAuthorized(context.HttpContext.Request) ? await next(context) : Problems.Unauthorized();
    }

    public bool IsAuthorized(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers["x-functions-key"].ToString();
        if (presented.Length == 0) presented = request.Query["code"].ToString();
        if (presented.Length == 0) return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        return options.Value.ApiKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), bytes));
    }
}
