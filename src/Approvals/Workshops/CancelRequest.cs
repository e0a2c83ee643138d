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

    /// <summary>Who cancels is a name or an address: as long as an email address may be.</summary>
    public const int MaxActorLength = 254;

    public const string DefaultActor = "staff";

    private static readonly string ReasonField = JsonNamingPolicy.CamelCase.ConvertName(nameof(Reason));
    private static readonly string ActorField = JsonNamingPolicy.CamelCase.ConvertName(nameof(CancelledBy));

    /// <summary>Anything but a JSON object carries neither field.</summary>
    public static CancelRequest From(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Deserialize<CancelRequest>(Json.Options) ?? Empty : Empty;

    private static CancelRequest Empty => new(null, null);

    public string TrimmedReason => Reason?.Trim() ?? string.Empty;

    public string Actor => string.IsNullOrWhiteSpace(CancelledBy) ? DefaultActor : CancelledBy.Trim();

    public IReadOnlyDictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (TrimmedReason.Length == 0) errors[ReasonField] = ["Is required: say why the workshop is cancelled."];
        else if (TrimmedReason.Length > MaxReasonLength) errors[ReasonField] = [$"Must be at most {MaxReasonLength} characters."];
        else if (Json.StoredLength(TrimmedReason) > 2 * MaxReasonLength)
            errors[ReasonField] = [$"Takes more than {2 * MaxReasonLength} characters once stored (emoji count 12, line breaks 2): shorten it."];
        if (Actor.Length > MaxActorLength) errors[ActorField] = [$"Must be at most {MaxActorLength} characters (a name or an email address)."];
        else if (Actor.Any(char.IsControl)) errors[ActorField] = ["Must not contain line breaks or control characters."];

        return errors;
    }
}
