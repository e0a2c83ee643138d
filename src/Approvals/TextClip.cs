namespace Approvals;

/// <summary>Cuts text that is kept for the record (audit lines, mailed reasons) to a length storage always takes.</summary>
public static class TextClip
{
    /// <summary>The text cut to <paramref name="max"/> characters (the last one an ellipsis), never inside a surrogate pair.</summary>
    public static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
