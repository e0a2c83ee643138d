using System.Globalization;
using System.Text.Json;
using Approvals.Contacts;
using Approvals.Nominations;

namespace Approvals.Proposals;

/// <summary>The outcome of reading a proposal: the proposal, or every field that is wrong and why.</summary>
public sealed record ProposalReading(Proposal? Proposal, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Proposal is not null && Errors.Count == 0;
}

/// <summary>Reads and validates a proposal from JSON, field by field, so a client learns every mistake at once.</summary>
public static class ProposalReader
{
    public const int MaxInvitations = 50;
    public const int MaxCapacity = 1000;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "title", "titleZh", "summary", "summaryZh", "startDate", "endDate", "venue", "organizer", "partners",
        "submittedBy", "capacity", "budgetEur", "fundingInstrument", "invitations",
    };

    public static ProposalReading Read(JsonElement root, ProjectDirectory directory, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new Errors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object with the fields of a proposal.");
            return new ProposalReading(null, errors.ToDictionary());
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name)) errors.Add(property.Name, "Unknown field.");
        }

        var title = Text(root, "title", errors, required: true, min: 5, max: 200);
        var titleZh = Text(root, "titleZh", errors, required: false, min: 0, max: 200);
        var summary = Text(root, "summary", errors, required: false, min: 0, max: 4000);
        var summaryZh = Text(root, "summaryZh", errors, required: false, min: 0, max: 4000);
        var start = Date(root, "startDate", errors);
        var end = Date(root, "endDate", errors);
        var venue = Text(root, "venue", errors, required: true, min: 2, max: 200);
        var organizer = Text(root, "organizer", errors, required: false, min: 0, max: 200);
        var funding = Text(root, "fundingInstrument", errors, required: false, min: 0, max: 200);
        var submittedBy = Text(root, "submittedBy", errors, required: true, min: 3, max: 254);
        if (submittedBy is not null && !SlateRules.IsEmail(submittedBy)) errors.Add("submittedBy", "Must be an email address.");
        var capacity = Integer(root, "capacity", errors, required: true, min: 1, max: MaxCapacity);
        var budget = Number(root, "budgetEur", errors);
        var partners = Partners(root, errors);

        if (start is { } s && s < today) errors.Add("startDate", $"Must not be in the past (today is {today:yyyy-MM-dd}).");
        if (start is { } s2 && end is { } e && e < s2) errors.Add("endDate", "Must be on or after startDate.");

        var invitations = Invitations(root, directory, capacity, errors);

        if (errors.Count > 0) return new ProposalReading(null, errors.ToDictionary());
        return new ProposalReading(
            new Proposal(title!, titleZh, summary, summaryZh, start!.Value, end!.Value, venue!, organizer, partners, submittedBy!,
                capacity!.Value, budget!.Value, funding, invitations),
            errors.ToDictionary());
    }

    private static string? Text(JsonElement root, string name, Errors errors, bool required, int min, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(name, "Is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, $"Must be a string, not {Kind(value)}.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required) errors.Add(name, "Must not be empty.");
            return null;
        }

        if (text.Length < min) errors.Add(name, $"Must be at least {min} characters.");
        if (text.Length > max) errors.Add(name, $"Must be at most {max} characters.");
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add(name, "Must not contain control characters.");
        return text;
    }

    private static DateOnly? Date(JsonElement root, string name, Errors errors)
    {
        var text = Text(root, name, errors, required: true, min: 0, max: 10);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(name, "Must be an ISO date (yyyy-MM-dd).");
        return null;
    }

    private static int? Integer(JsonElement root, string name, Errors errors, bool required, int min, int max, string? field = null)
    {
        field ??= name;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(field, "Is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add(field, value.ValueKind == JsonValueKind.Number ? "Must be a whole number." : $"Must be a number, not {Kind(value)}.");
            return null;
        }

        if (number < min || number > max)
        {
            errors.Add(field, $"Must be between {min} and {max}.");
            return null;
        }

        return number;
    }

    private static decimal? Number(JsonElement root, string name, Errors errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, "Is required (use 0 when there is no budget).");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            errors.Add(name, $"Must be a number, not {Kind(value)}.");
            return null;
        }

        if (number < 0) errors.Add(name, "Must not be negative.");
        if (number > 1_000_000_000m) errors.Add(name, "Is implausibly large.");
        return number;
    }

    private static List<string> Partners(JsonElement root, Errors errors)
    {
        var partners = new List<string>();
        if (!root.TryGetProperty("partners", out var value) || value.ValueKind == JsonValueKind.Null) return partners;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("partners", $"Must be an array of strings, not {Kind(value)}.");
            return partners;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                errors.Add($"partners[{i}]", "Must be a non-empty string.");
            else if (item.GetString()!.Length > 200) errors.Add($"partners[{i}]", "Must be at most 200 characters.");
            else partners.Add(item.GetString()!.Trim());
            i++;
        }

        if (i > 20) errors.Add("partners", "At most 20 partners.");
        return partners;
    }

    private static List<Invitation> Invitations(JsonElement root, ProjectDirectory directory, int? capacity, Errors errors)
    {
        var invitations = new List<Invitation>();
        if (!root.TryGetProperty("invitations", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("invitations", "Is required: at least one ministry to invite.");
            return invitations;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("invitations", $"Must be an array, not {Kind(value)}.");
            return invitations;
        }

        var count = value.GetArrayLength();
        if (count is < 1 or > MaxInvitations) errors.Add("invitations", $"Must list between 1 and {MaxInvitations} ministries; {count} were sent.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"invitations[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(field, "Must be an object with ministry and quota.");
                continue;
            }

            var code = Text(item, "ministry", errors.Scoped(field), required: true, min: 1, max: 20);
            var quota = Integer(item, "quota", errors, required: true, min: 1, max: capacity ?? MaxCapacity, field: $"{field}.quota");
            if (code is null) continue;
            var ministry = directory.Find(code);
            if (ministry is null)
            {
                errors.Add($"{field}.ministry", $"Unknown ministry '{code}'. Known: {string.Join(", ", directory.Ministries.Select(m => m.Code))}.");
                continue;
            }

            if (!seen.Add(ministry.Code))
            {
                errors.Add($"{field}.ministry", $"{ministry.Code} is invited twice.");
                continue;
            }

            if (quota is { } q) invitations.Add(new Invitation(ministry.Code, q));
        }

        var total = invitations.Sum(x => x.Quota);
        if (capacity is { } c && total > c) errors.Add("invitations", $"Quotas add up to {total}, more than the capacity of {c}.");
        return invitations;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>Collects messages per field; a scoped view prefixes nested field names.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byField;
        private readonly string prefix;

        public Errors() : this(new Dictionary<string, List<string>>(StringComparer.Ordinal), string.Empty)
        {
        }

        private Errors(Dictionary<string, List<string>> byField, string prefix)
        {
            this.byField = byField;
            this.prefix = prefix;
        }

        public int Count => byField.Count;

        public Errors Scoped(string field) => new(byField, $"{prefix}{field}.");

        public void Add(string field, string message)
        {
            var key = prefix + field;
            if (!byField.TryGetValue(key, out var list)) byField[key] = list = [];
            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
