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
    public const int MaxPartners = 20;
    public const int MaxText = 200;
    public const int MaxSummary = 4000;

    /// <summary>The most characters a stored proposal can take (every field at its stored budget, 50 invitations); it
    /// stays under a Table property's 32K UTF-16 characters, as a test proves.</summary>
    public const int MaxStoredLength = 30_000;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "title", "titleZh", "summary", "summaryZh", "startDate", "endDate", "venue", "organizer", "partners",
        "submittedBy", "capacity", "budgetEur", "fundingInstrument", "invitations",
    };

    public static ProposalReading Read(JsonElement root, ProjectDirectory directory, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new FieldErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object with the fields of a proposal.");
            return new ProposalReading(null, errors.ToDictionary());
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name)) errors.Add(property.Name, "Unknown field.");
        }

        var title = JsonFields.Text(root, "title", errors, required: true, min: 5, max: MaxText);
        var titleZh = JsonFields.Text(root, "titleZh", errors, required: false, min: 0, max: MaxText);
        var summary = JsonFields.Text(root, "summary", errors, required: false, min: 0, max: MaxSummary);
        var summaryZh = JsonFields.Text(root, "summaryZh", errors, required: false, min: 0, max: MaxSummary);
        var start = JsonFields.Date(root, "startDate", errors);
        var end = JsonFields.Date(root, "endDate", errors);
        var venue = JsonFields.Text(root, "venue", errors, required: true, min: 2, max: MaxText);
        var organizer = JsonFields.Text(root, "organizer", errors, required: false, min: 0, max: MaxText);
        var funding = JsonFields.Text(root, "fundingInstrument", errors, required: false, min: 0, max: MaxText);
        var submittedBy = JsonFields.Text(root, "submittedBy", errors, required: true, min: 3, max: 254);
        if (submittedBy is not null && !SlateRules.IsEmail(submittedBy)) errors.Add("submittedBy", "Must be an email address.");
        var capacity = JsonFields.Integer(root, "capacity", errors, required: true, min: 1, max: MaxCapacity);
        var budget = JsonFields.Number(root, "budgetEur", errors);
        var partners = Partners(root, errors);

        if (start is { } s && s < today) errors.Add("startDate", $"Must not be in the past (today is {today:yyyy-MM-dd}).");
        if (start is { } s2 && end is { } e && e < s2) errors.Add("endDate", "Must be on or after startDate.");

        var invitations = Invitations(root, directory, capacity, errors);

        if (errors.Count > 0) return new ProposalReading(null, errors.ToDictionary());
        var proposal = new Proposal(title!, titleZh, summary, summaryZh, start!.Value, end!.Value, venue!, organizer, partners, submittedBy!,
            capacity!.Value, budget!.Value, funding, invitations);
        // The field budgets already keep this; the check keeps the promise if a field is added without one.
        if (Json.Store(proposal).Length > MaxStoredLength) errors.Add("$", $"The proposal takes more than {MaxStoredLength} characters once stored; shorten the summaries.");
        return new ProposalReading(errors.Count > 0 ? null : proposal, errors.ToDictionary());
    }

    private static List<string> Partners(JsonElement root, FieldErrors errors)
    {
        var partners = new List<string>();
        if (!root.TryGetProperty("partners", out var value) || value.ValueKind == JsonValueKind.Null) return partners;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("partners", $"Must be an array of strings, not {JsonFields.Kind(value)}.");
            return partners;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                errors.Add($"partners[{i}]", "Must be a non-empty string.");
            else if (item.GetString()!.Trim() is var partner && partner.Length > MaxText) errors.Add($"partners[{i}]", $"Must be at most {MaxText} characters.");
            else
            {
                JsonFields.StoredBudget(partner, MaxText, $"partners[{i}]", errors);
                partners.Add(partner);
            }

            i++;
        }

        if (i > MaxPartners) errors.Add("partners", $"At most {MaxPartners} partners.");
        return partners;
    }

    private static List<Invitation> Invitations(JsonElement root, ProjectDirectory directory, int? capacity, FieldErrors errors)
    {
        var invitations = new List<Invitation>();
        if (!root.TryGetProperty("invitations", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("invitations", "Is required: at least one ministry to invite.");
            return invitations;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("invitations", $"Must be an array, not {JsonFields.Kind(value)}.");
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

            var code = JsonFields.Text(item, "ministry", errors.Scoped(field), required: true, min: 1, max: 20);
            var quota = JsonFields.Integer(item, "quota", errors, required: true, min: 1, max: capacity ?? MaxCapacity, field: $"{field}.quota");
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
}
