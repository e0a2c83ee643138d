using Approvals.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Approvals.Functions.Http;

/// <summary>Runs the library's <see cref="IResult"/> through the Functions ASP.NET Core integration, which expects
/// <see cref="IActionResult"/>, with the headers every response carries.</summary>
internal sealed class Adapted(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SecurityHeaders.Apply(context.HttpContext.Response);
        return result.ExecuteAsync(context.HttpContext);
    }

    public static async Task<IActionResult> From<TResult>(Task<TResult> result)
        where TResult : IResult => new Adapted(await result);
}
