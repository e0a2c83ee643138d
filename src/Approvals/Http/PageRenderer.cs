using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Approvals.Http;

/// <summary>Renders a page component (or a mail's HTML part) to HTML with <see cref="HtmlRenderer"/>, one renderer per page so no component
/// outlives its response.</summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    // HtmlRenderer takes its encoder from the service provider it is given; handing it this one keeps the hosts'
    // own HtmlEncoder untouched.
    private readonly IServiceProvider withPageEncoder = new PageServices(services);

    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(withPageEncoder, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    private sealed class PageServices(IServiceProvider inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(HtmlEncoder) ? PageEncoder.Instance : inner.GetService(serviceType);
    }
}
