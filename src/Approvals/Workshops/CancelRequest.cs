using System.Text.Json;
using System.Text.Json.Serialization;
using Approvals.Http;

namespace Approvals.Workshops;

/// <summary>The body of <c>POST /api/workshops/{id}/cancel</c>: why, and who cancels (staff when not said).</summary>
public sealed record CancelRequest(
    [property: JsonConverter(typeof(StringOrAbsent))] string? Reason,
    [property: JsonConverter(typeof(StringOrAbsent))] string? CancelledBy)
{
    public const int MaxReasonLength = 2000;
    public const string DefaultActor = "staff";

    private static readonly string ReasonField = JsonNamingPolicy.CamelCase.ConvertName(nameof(Reason));

    /// <summary>Anything but a JSON object carries neither field.</summary>
    public static CancelRequest From(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Deserialize<CancelRequest>(Json.Options) ?? Empty : Empty;

    private static CancelRequest Empty => new(null, null);

    public string TrimmedReason => Reason?.Trim() ?? string.Empty;

    public string Actor => CancelledBy?.Trim() ?? DefaultActor;

    public IReadOnlyDictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (TrimmedReason.Length == 0) errors[ReasonField] = ["Is required: say why the workshop is cancelled."];
        else if (TrimmedReason.Length > MaxReasonLength) errors[ReasonField] = [$"Must be at most {MaxReasonLength} characters."];
        return errors;
    }
}
