using System.Text.Json;
using System.Text.Json.Serialization;
using Approvals.Http;
using Approvals.Nominations;

namespace Approvals.Handovers;

/// <summary>The body of <c>POST /api/workshops/{id}/reassign</c>: whose waiting request moves to whom and why;
/// <c>ministry</c> narrows a focal point's nomination requests to one ministry; <c>reassignedBy</c> is staff when not said.</summary>
public sealed record ReassignRequest(
    [property: JsonConverter(typeof(StringOrAbsent))] string? From,
    [property: JsonConverter(typeof(StringOrAbsent))] string? To,
    [property: JsonConverter(typeof(StringOrAbsent))] string? Reason,
    [property: JsonConverter(typeof(StringOrAbsent))] string? Ministry,
    [property: JsonConverter(typeof(StringOrAbsent))] string? ReassignedBy)
{
    public const int MaxReasonLength = 2000;
    public const int MaxActorLength = 254;
    public const string DefaultActor = "staff";

    /// <summary>Anything but a JSON object, or one whose text is not valid UTF-8, carries no field.</summary>
    public static ReassignRequest Read(JsonElement body)
    {
        try
        {
            return (body.ValueKind == JsonValueKind.Object ? body.Deserialize<ReassignRequest>(Json.Options) : null) ?? Empty;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Empty;
        }
    }

    private static ReassignRequest Empty => new(null, null, null, null, null);

    public string FromAddress => From?.Trim() ?? string.Empty;

    public string ToAddress => To?.Trim() ?? string.Empty;

    public string TrimmedReason => Reason?.Trim() ?? string.Empty;

    public string? TrimmedMinistry => string.IsNullOrWhiteSpace(Ministry) ? null : Ministry.Trim();

    public string Actor => string.IsNullOrWhiteSpace(ReassignedBy) ? DefaultActor : ReassignedBy.Trim();

    public IReadOnlyDictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SlateRules.IsEmail(FromAddress)) errors[Field(nameof(From))] = ["Must be the email address that holds the waiting request."];
        if (!SlateRules.IsEmail(ToAddress)) errors[Field(nameof(To))] = ["Must be the email address of the person who takes the request over."];
        else if (Handovers.SameAddress(FromAddress, ToAddress)) errors[Field(nameof(To))] = ["Must differ from 'from': the request would stay where it is."];
        if (TrimmedReason.Length == 0) errors[Field(nameof(Reason))] = ["Is required: say why the request moves (it is shown to the new holder and kept in the history)."];
        else if (TrimmedReason.Length > MaxReasonLength || Json.StoredLength(TrimmedReason) > 2 * MaxReasonLength)
            errors[Field(nameof(Reason))] = [$"Must be at most {MaxReasonLength} characters."];
        if (TrimmedMinistry is { Length: > 50 }) errors[Field(nameof(Ministry))] = ["Must be a ministry code of the directory."];
        if (Actor.Length > MaxActorLength || Actor.Any(char.IsControl))
            errors[Field(nameof(ReassignedBy))] = [$"Must be at most {MaxActorLength} characters on one line (a name or an email address)."];
        return errors;
    }

    private static string Field(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
