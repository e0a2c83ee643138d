using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Http;

/// <summary>Pages as results: a component, its parameters and a status, rendered when the response is written with
/// the headers of <see cref="PageLayout"/>. Both hosts execute the same <see cref="IResult"/>.</summary>
public static class Pages
{
    public static IResult Render<TPage>(Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent => new PageResult<TPage>(parameters, status);

    /// <summary>A short bilingual message page (errors, confirmations).</summary>
    public static IResult Message(int status, string headingEn, string headingZh, string textEn, string textZh, bool ok = false) =>
        Render<MessagePage>(new()
        {
            [nameof(MessagePage.Heading)] = headingEn,
            [nameof(MessagePage.HeadingZh)] = headingZh,
            [nameof(MessagePage.Text)] = textEn,
            [nameof(MessagePage.TextZh)] = textZh,
            [nameof(MessagePage.Ok)] = ok,
        }, status);

    private sealed class PageResult<TPage>(Dictionary<string, object?> parameters, int status) : IResult where TPage : IComponent
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            if (HttpMethods.IsHead(httpContext.Request.Method))
            {
                PageLayout.WriteHeaders(httpContext.Response, status);
                return;
            }

            var html = await httpContext.RequestServices.GetRequiredService<PageRenderer>().RenderAsync<TPage>(parameters);
            PageLayout.WriteHeaders(httpContext.Response, status);
            await httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
