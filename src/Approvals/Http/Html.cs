using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Approvals.Http;

/// <summary>Pages served by the app itself: mobile-first, readable without JavaScript, no third-party assets (fonts,
/// CDNs and analytics are blocked or slow inside China), Chinese in system fonts. All user text goes through
/// <see cref="E"/>.</summary>
public static class Html
{
    private const string Style = """
        :root{color-scheme:light dark}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;background:#f6f7f9;color:#1b1f24}
        main{max-width:42rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0}
        h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
        .zh{color:#444}
        .card{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1rem;margin:.75rem 0}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0}
        dt{font-weight:600}dd{margin:0}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e6ea;padding:.35rem;text-align:left;vertical-align:top}
        label{display:block;font-weight:600;margin:.6rem 0 .2rem}
        input,select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #b8c0c8;border-radius:6px}
        textarea{min-height:5rem}
        button{font:inherit;font-weight:600;padding:.7rem 1rem;border:0;border-radius:6px;margin:.3rem .3rem .3rem 0;cursor:pointer;background:#0b5cad;color:#fff}
        button.reject{background:#a4262c}button.changes{background:#8a5a00}
        .error{color:#a4262c;font-weight:600}
        .ok{border-left:4px solid #107c10}.warn{border-left:4px solid #a4262c}
        .muted{color:#5c6670;font-size:.9rem}
        @media (prefers-color-scheme:dark){body{background:#111;color:#eee}.card{background:#1c1f23;border-color:#333}.zh{color:#bbb}input,select,textarea{background:#111;color:#eee}}
        """;

    /// <summary>HTML-encodes user text.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A whole page; <paramref name="body"/> must already be encoded.</summary>
    public static string Document(string title, string body)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
          .Append("<meta name=\"robots\" content=\"noindex\">")
          .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body><main>")
          .Append(body)
          .Append("</main></body></html>");
        return sb.ToString();
    }

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        new HtmlResult(Document(title, body), status);

    /// <summary>A short bilingual message page (errors, confirmations).</summary>
    public static IResult Message(int status, string headingEn, string headingZh, string textEn, string textZh, bool ok = false) =>
        Page(headingEn, $"<div class=\"card {(ok ? "ok" : "warn")}\"><h1>{E(headingEn)}</h1><p>{E(textEn)}</p>"
            + $"<h1 class=\"zh\" lang=\"zh-CN\">{E(headingZh)}</h1><p class=\"zh\" lang=\"zh-CN\">{E(textZh)}</p></div>", status);

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.WriteAsync(html);
        }
    }
}
