namespace Approvals.Proposals;

/// <summary>Collects messages per field; a scoped view prefixes nested field names.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> byField;
    private readonly string prefix;

    public FieldErrors() : this(new Dictionary<string, List<string>>(StringComparer.Ordinal), string.Empty)
    {
    }

    private FieldErrors(Dictionary<string, List<string>> byField, string prefix)
    {
        this.byField = byField;
        this.prefix = prefix;
    }

    public int Count => byField.Count;

    public FieldErrors Scoped(string field) => new(byField, $"{prefix}{field}.");

    public void Add(string field, string message)
    {
        var key = prefix + field;
        if (!byField.TryGetValue(key, out var list)) byField[key] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
