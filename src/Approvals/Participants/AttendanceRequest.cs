using System.Text.Json;
using Approvals.Proposals;
using Approvals.Workshops;

namespace Approvals.Participants;

/// <summary>Who came, as staff send it: participant ids or email addresses, and who records it. The body of
/// <c>PUT /api/workshops/{id}/attendance</c> is either the list alone (<c>["id", "a@b.cn"]</c>) or
/// <c>{"attended": [...], "recordedBy": "..."}</c>.</summary>
public sealed record AttendanceRequest(IReadOnlyList<string> Entries, string Actor, string Channel)
{
    public const string AttendedField = "attended";
    public const string RecordedByField = "recordedBy";
    public const int MaxEntries = 2000;

    public static (AttendanceRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement root, string channel)
    {
        var errors = new FieldErrors();
        var list = root;
        string? actor = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not (AttendedField or RecordedByField)) errors.Add(property.Name, "Unknown field.");
            }

            actor = JsonFields.Text(root, RecordedByField, errors, required: false, min: 1, max: CancelRequest.MaxActorLength);
            if (actor is not null && actor.Any(char.IsControl)) errors.Add(RecordedByField, "Must not contain line breaks or control characters.");
            if (!root.TryGetProperty(AttendedField, out list)) errors.Add(AttendedField, "Required: the ids or email addresses of the participants who came.");
        }

        var entries = new List<string>();
        if (list.ValueKind != JsonValueKind.Array)
        {
            if (list.ValueKind != JsonValueKind.Undefined) errors.Add(AttendedField, "Must be a list of participant ids or email addresses (an empty list: nobody came).");
        }
        else if (list.GetArrayLength() > MaxEntries)
        {
            errors.Add(AttendedField, $"At most {MaxEntries} entries.");
        }
        else
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 and <= 320 } entry) entries.Add(entry);
                else errors.Add($"{AttendedField}[{i}]", "Must be a participant id or an email address (a non-empty string).");
                i++;
            }
        }

        return errors.Count > 0
            ? (null, errors.ToDictionary())
            : (new AttendanceRequest(entries, actor ?? CancelRequest.DefaultActor, channel), errors.ToDictionary());
    }
}
