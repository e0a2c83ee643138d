using System.Net.Mail;
using System.Text;
using Approvals.Proposals;

namespace Approvals.Nominations;

/// <summary>What makes a slate acceptable: an invited ministry, within its quota, complete nominees and no email
/// nominated twice (within the slate or by another ministry). Used by the nomination form and by the workflow.</summary>
public static class SlateRules
{
    /// <summary>Field errors keyed like the form (<c>nominees[0].email</c>); empty when the slate is acceptable.</summary>
    public static Dictionary<string, string[]> Check(Proposal proposal, Slate slate, IEnumerable<Slate> otherSlates)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var quota = proposal.QuotaOf(slate.Ministry);
        if (quota == 0) Add("ministry", $"Ministry '{slate.Ministry}' is not invited to this workshop.");
        if (slate.Declined)
        {
            if (slate.Nominees.Count > 0) Add("decline", "A declined slate cannot name nominees.");
            return Freeze(errors);
        }

        if (slate.Nominees.Count == 0) Add("nominees", "Name at least one nominee, or decline.");
        if (quota > 0 && slate.Nominees.Count > quota)
            Add("nominees", $"At most {quota} nominees for {slate.Ministry}; {slate.Nominees.Count} were sent.");

        // Which ministry holds a taken address is not said: a focal point learns nothing of another ministry's list.
        var taken = otherSlates
            .Where(s => !string.Equals(s.Ministry, slate.Ministry, StringComparison.OrdinalIgnoreCase) && !s.Declined)
            .SelectMany(s => s.Nominees.Select(n => NomineeEmail.Key(n.Email)))
            .ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < slate.Nominees.Count; i++)
        {
            var n = slate.Nominees[i];
            var prefix = $"nominees[{i}]";
            if (string.IsNullOrWhiteSpace(n.Name)) Add($"{prefix}.name", "Name is required.");
            else if (n.Name.Length > 200) Add($"{prefix}.name", "Name is longer than 200 characters.");
            if (string.IsNullOrWhiteSpace(n.Position)) Add($"{prefix}.position", "Position is required.");
            else if (n.Position.Length > 200) Add($"{prefix}.position", "Position is longer than 200 characters.");
            if (n.NameZh is { Length: > 100 }) Add($"{prefix}.nameZh", "Chinese name is longer than 100 characters.");
            foreach (var (field, value) in new[] { ("name", n.Name), ("nameZh", n.NameZh), ("position", n.Position) })
            {
                // These end up in calendar invitations and mail headers, where a line break or quote would break them.
                if (value?.Any(c => char.IsControl(c) || c == '"') == true) Add($"{prefix}.{field}", "Must not contain line breaks, control characters or double quotes.");
            }

            if (!IsEmail(n.Email)) Add($"{prefix}.email", "A valid email address is required.");
            else if (!seen.Add(NomineeEmail.Key(n.Email))) Add($"{prefix}.email", $"{n.Email} appears twice in this slate.");
            else if (taken.Contains(NomineeEmail.Key(n.Email))) Add($"{prefix}.email", $"{n.Email} is already nominated for this workshop.");
        }

        return Freeze(errors);
    }

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Trim() != value) return false;
        // The parser composes accents (NFC), so a decomposed spelling of a valid address is valid too.
        return MailAddress.TryCreate(value, out var address) && address.Address == value.Normalize(NormalizationForm.FormC) && value.Contains('.', StringComparison.Ordinal)
            && value.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && value.IndexOf('.', at) > at + 1;
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
