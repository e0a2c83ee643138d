using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approvals.Http;

/// <summary>A request body read as JSON, or the problem that explains why it could not be.</summary>
public sealed record JsonBody(JsonElement Root, byte[] Raw, ProblemHttpResult? Problem)
{
    public const int MaxBytes = 256 * 1024;

    public static Task<JsonBody> ReadAsync(HttpRequest request) => ReadAsync(request, MaxBytes);

    /// <summary>Reads a body of at most <paramref name="maxBytes"/> (a slate of a thousand nominees is larger than a proposal).</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes) return Fail(TooLarge(maxBytes));
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                $"Send application/json, not {type}.", "Unsupported media type."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return Fail(TooLarge(maxBytes));
        }

        var raw = buffer.ToArray();
        if (raw.Length == 0) return Fail(Problems.Field(StatusCodes.Status400BadRequest, "$", "The body is empty; send a JSON object.", "Malformed JSON."));
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 16 });
            return new JsonBody(document.RootElement.Clone(), raw, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : string.Empty;
            return Fail(Problems.Field(StatusCodes.Status400BadRequest, "$", $"The body is not valid JSON{where}.", "Malformed JSON."));
        }
    }

    private static JsonBody Fail(ProblemHttpResult problem) => new(default, [], problem);

    private static ProblemHttpResult TooLarge(int maxBytes) => Problems.Field(StatusCodes.Status413PayloadTooLarge, "$",
        $"The body is larger than {maxBytes / 1024} KB.", "Request body too large.");
}
