namespace Approvals.Contacts;

/// <summary>What changed between two directories, in one line for the history: added (+) and removed (−) addresses
/// and ministries, renamed ministries.</summary>
public static class DirectoryDiff
{
    public static string Summarize(ProjectDirectory before, ProjectDirectory after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var parts = new List<string>();
        Lists(parts, "projectManagers", before.ProjectManagers, after.ProjectManagers);
        Lists(parts, "donorApprovers", before.DonorApprovers, after.DonorApprovers);
        Lists(parts, "escalation", before.Escalation, after.Escalation);
        foreach (var added in after.Ministries.Where(m => before.Find(m.Code) is null))
        {
            parts.Add($"ministry +{added.Code} ({added.NameEn}, focal points {string.Join(", ", added.FocalPoints)})");
        }

        foreach (var removed in before.Ministries.Where(m => after.Find(m.Code) is null)) parts.Add($"ministry −{removed.Code}");
        foreach (var now in after.Ministries)
        {
            if (before.Find(now.Code) is not { } was) continue;
            if (was.NameEn != now.NameEn) parts.Add($"{now.Code} nameEn “{was.NameEn}” → “{now.NameEn}”");
            if (was.NameZh != now.NameZh) parts.Add($"{now.Code} nameZh “{was.NameZh}” → “{now.NameZh}”");
            Lists(parts, $"{now.Code} focalPoints", was.FocalPoints, now.FocalPoints);
        }

        return parts.Count == 0 ? "no change" : string.Join("; ", parts);
    }

    private static void Lists(List<string> parts, string name, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var added = after.Where(a => !before.Contains(a, StringComparer.OrdinalIgnoreCase)).Select(a => $"+{a}");
        var removed = before.Where(b => !after.Contains(b, StringComparer.OrdinalIgnoreCase)).Select(b => $"−{b}");
        var changes = added.Concat(removed).ToList();
        if (changes.Count > 0) parts.Add($"{name} {string.Join(" ", changes)}");
    }
}
