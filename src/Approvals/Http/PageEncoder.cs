using System.Net;
using System.Text.Encodings.Web;

namespace Approvals.Http;

/// <summary>The encoder pages render with: the entities of <see cref="WebUtility.HtmlEncode(string)"/> (&amp;lt; &amp;gt;
/// &amp;amp; &amp;quot; &amp;#39;, Latin-1 and astral characters as numbers), Chinese left as characters. The default
/// <see cref="HtmlEncoder"/> writes every Chinese character as <c>&amp;#x…;</c>, which triples the size of a bilingual
/// page and hides its text from anyone reading the source.</summary>
internal sealed class PageEncoder : HtmlEncoder
{
    public static readonly PageEncoder Instance = new();

    private PageEncoder()
    {
    }

    /// <summary>The longest entity WebUtility writes, <c>&amp;#1114111;</c>.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 10;

    public override string Encode(string value) => WebUtility.HtmlEncode(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(value);
        WebUtility.HtmlEncode(value.Substring(startIndex, characterCount), output);
    }

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        WebUtility.HtmlEncode(new string(value, startIndex, characterCount), output);

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '<' or '>' or '&' or '"' or '\'' or (>= 160 and < 256) or >= 0x10000;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (char.IsSurrogate(text[i]) || WillEncode(text[i])) return i;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var scalar = char.ConvertFromUtf32(unicodeScalar);
        var encoded = WillEncode(unicodeScalar) ? WebUtility.HtmlEncode(scalar) : scalar;
        numberOfCharactersWritten = 0;
        if (encoded.Length > bufferLength) return false;
        encoded.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = encoded.Length;
        return true;
    }
}
