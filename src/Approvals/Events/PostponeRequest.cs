using System.Text.Json;
using Approvals.Proposals;
using Approvals.Workshops;

namespace Approvals.Events;

/// <summary>The body of <c>POST /api/workshops/{id}/postpone</c>, read field by field like a proposal: new dates, a
/// new venue if it moves too, why, and who postpones (staff when not said).</summary>
public sealed record PostponeRequest(Schedule Schedule, string Reason, string Actor)
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal) { "startDate", "endDate", "venue", "reason", "postponedBy" };

    /// <summary>The request, or every field that is wrong and why. <paramref name="current"/> is the schedule it replaces.</summary>
    public static (PostponeRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement root, Schedule current, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        var errors = new FieldErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object with startDate, endDate, reason and optionally venue and postponedBy.");
            return (null, errors.ToDictionary());
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name)) errors.Add(property.Name, "Unknown field.");
        }

        var start = JsonFields.Date(root, "startDate", errors);
        var end = JsonFields.Date(root, "endDate", errors);
        var venue = JsonFields.Text(root, "venue", errors, required: false, min: 2, max: ProposalReader.MaxText) ?? current.Venue;
        var reason = JsonFields.Text(root, "reason", errors, required: true, min: 1, max: CancelRequest.MaxReasonLength);
        var actor = JsonFields.Text(root, "postponedBy", errors, required: false, min: 1, max: CancelRequest.MaxActorLength);
        if (actor is not null && actor.Any(char.IsControl)) errors.Add("postponedBy", "Must not contain line breaks or control characters.");

        if (start is { } s && s < today) errors.Add("startDate", $"Must not be in the past (today is {today:yyyy-MM-dd}).");
        if (start is { } s2 && end is { } e && e < s2) errors.Add("endDate", "Must be on or after startDate.");
        if (errors.Count == 0 && new Schedule(start!.Value, end!.Value, venue) == current)
        {
            errors.Add("startDate", $"The workshop already takes place on these dates ({current.StartDate:yyyy-MM-dd} to {current.EndDate:yyyy-MM-dd}) at this venue: give new dates.");
        }

        return errors.Count > 0
            ? (null, errors.ToDictionary())
            : (new PostponeRequest(new Schedule(start!.Value, end!.Value, venue), reason!, actor ?? CancelRequest.DefaultActor), errors.ToDictionary());
    }
}
