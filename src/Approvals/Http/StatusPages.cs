using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Approvals.Http;

/// <summary>
/// What a refusal looks like when no handler wrote one (an unknown address, a method a route does not take, a body
/// too large): a bilingual page for a browser, problem+json for everything else, whatever else the client said it
/// accepts — never ASP.NET Core's plain-text "Status Code: 405".
/// </summary>
public static class StatusPages
{
    public static IApplicationBuilder UseApprovalsStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext));

    static Task WriteAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var (en, zh, textEn, textZh) = Wording(status);
        var result = WantsPage(http.Request)
            ? Pages.Message(status, en, zh, textEn, textZh)
            : TypedResults.Problem(title: en, detail: textEn, statusCode: status);
        return result.ExecuteAsync(http);
    }

    static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    static (string En, string Zh, string TextEn, string TextZh) Wording(int status) => status switch
    {
        StatusCodes.Status404NotFound => ("Page not found", "未找到页面",
            "There is nothing at this address. If you followed a link from an email, open it again from the email.",
            "此地址没有内容。如果您是从电子邮件中的链接进入的，请从该邮件再次打开。"),
        StatusCodes.Status405MethodNotAllowed => ("This action is not available here", "此处不支持该操作",
            "This address does not take this kind of request. Nothing was changed.", "此地址不接受这种请求。未作任何更改。"),
        StatusCodes.Status413PayloadTooLarge => ("What was sent is too large", "发送的内容过大",
            "The request body is larger than this address accepts. Nothing was changed.", "请求内容超过了此地址可接受的大小。未作任何更改。"),
        StatusCodes.Status415UnsupportedMediaType => ("This kind of content is not accepted", "不接受此类内容",
            "Send JSON (application/json) or a form from the page. Nothing was changed.", "请发送 JSON（application/json）或页面上的表单。未作任何更改。"),
        _ => ("The request was not understood", "无法处理该请求",
            "The request was refused. Nothing was changed.", "请求被拒绝。未作任何更改。"),
    };
}
