using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Approvals.Functions.Http;

/// <summary>Runs the library's <see cref="IResult"/> through the Functions ASP.NET Core integration, which expects
/// <see cref="IActionResult"/>.</summary>
internal sealed class Adapted(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);

    public static async Task<IActionResult> From<TResult>(Task<TResult> result)
        where TResult : IResult => new Adapted(await result);
}
