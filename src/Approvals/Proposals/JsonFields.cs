using System.Globalization;
using System.Text.Json;

namespace Approvals.Proposals;

/// <summary>Reads one JSON field of a given kind, adding to the errors what is wrong with it instead of throwing.</summary>
internal static class JsonFields
{
    public static string? Text(JsonElement root, string name, FieldErrors errors, bool required, int min, int max)
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

        string text;
        try
        {
            text = value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            // JsonDocument accepts a string whose bytes are not UTF-8; reading it is where that shows.
            errors.Add(name, "Must be valid UTF-8 text.");
            return null;
        }

        if (text.Length == 0)
        {
            if (required) errors.Add(name, "Must not be empty.");
            return null;
        }

        if (text.Length < min) errors.Add(name, $"Must be at least {min} characters.");
        if (text.Length > max) errors.Add(name, $"Must be at most {max} characters.");
        else StoredBudget(text, max, name, errors);
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add(name, "Must not contain control characters.");
        return text;
    }

    /// <summary>How much stored JSON a text field of <paramref name="max"/> characters may take: twice its length, so a
    /// few line breaks and quotes fit, while the whole proposal provably fits one Table property (see
    /// <see cref="ProposalReader.MaxStoredLength"/>).</summary>
    public static int StoredBudgetOf(int max) => 2 * max;

    /// <summary>Refuses a text whose stored form exceeds its budget; characters count as they are stored.</summary>
    public static void StoredBudget(string text, int max, string field, FieldErrors errors)
    {
        var stored = Json.StoredLength(text);
        if (stored > StoredBudgetOf(max))
        {
            errors.Add(field, $"Takes {stored} characters once stored, more than the {StoredBudgetOf(max)} allowed for this field: "
                + "line breaks, tabs and quotes count 2, emoji and other characters outside the Basic Multilingual Plane 12. Shorten it.");
        }
    }

    public static DateOnly? Date(JsonElement root, string name, FieldErrors errors)
    {
        var text = Text(root, name, errors, required: true, min: 0, max: 10);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(name, "Must be an ISO date (yyyy-MM-dd).");
        return null;
    }

    public static int? Integer(JsonElement root, string name, FieldErrors errors, bool required, int min, int max, string? field = null)
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

    public static decimal? Number(JsonElement root, string name, FieldErrors errors)
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

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
