using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Approvals.IntegrationTests.Functions;

/// <summary>What a function wrote back, as a browser or curl would see it.</summary>
public sealed record FunctionResponse(int Status, string? ContentType, string Body, IHeaderDictionary Headers)
{
    public string? MediaType => ContentType?.Split(';')[0].Trim();

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{Status} {ContentType}: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}

/// <summary>
/// Requests handed to HTTP functions the way the Functions ASP.NET Core integration hands them: a real
/// <see cref="HttpContext"/> with method, path, query, headers, body and route values, whose response the returned
/// <see cref="IActionResult"/> then writes.
/// </summary>
public static class FunctionHttp
{
    public static HttpContext Request(
        IServiceProvider services, string method, string pathAndQuery, RouteValueDictionary? route = null, string? body = null,
        string? contentType = null, IDictionary<string, string>? headers = null)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var uri = new Uri(new Uri("http://localhost:7071"), pathAndQuery);
        http.Request.Method = method;
        http.Request.Scheme = uri.Scheme;
        http.Request.Host = new HostString(uri.Authority);
        http.Request.Path = uri.AbsolutePath;
        http.Request.QueryString = new QueryString(uri.Query);
        http.Request.RouteValues = route ?? [];
        http.Request.Headers.UserAgent = "Approvals.IntegrationTests";
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            http.Request.Headers[name] = value;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = contentType ?? "application/json";
        }

        http.Response.Body = new MemoryStream();
        return http;
    }

    public static HttpContext Json(IServiceProvider services, string method, string pathAndQuery, object body, RouteValueDictionary? route = null) =>
        Request(services, method, pathAndQuery, route, body as string ?? JsonSerializer.Serialize(body, Approvals.Json.Options));

    public static HttpContext Form(IServiceProvider services, string pathAndQuery, RouteValueDictionary route, params (string Name, string Value)[] fields) =>
        Request(services, HttpMethods.Post, pathAndQuery, route,
            string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}")),
            "application/x-www-form-urlencoded");

    /// <summary>Runs the function's result against <paramref name="http"/> and reads what it wrote.</summary>
    public static async Task<FunctionResponse> RespondAsync(HttpContext http, Task<IActionResult> invocation)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(invocation);
        var result = await invocation;
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(http.Request.RouteValues), new ActionDescriptor()));
        http.Response.Body.Position = 0;
        var body = await new StreamReader(http.Response.Body, Encoding.UTF8).ReadToEndAsync();
        return new FunctionResponse(http.Response.StatusCode, http.Response.ContentType, body, http.Response.Headers);
    }
}
