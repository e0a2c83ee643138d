using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Approvals.Http;

/// <summary>Reads a posted form; a form that cannot be read (more fields than the page has, a broken multipart body)
/// is null, so the page answers that nothing was chosen instead of failing.</summary>
public static class FormBody
{
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request, FormOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType) return null;
        try
        {
            return limits is null
                ? await request.ReadFormAsync(request.HttpContext.RequestAborted)
                : await request.ReadFormAsync(limits, request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
