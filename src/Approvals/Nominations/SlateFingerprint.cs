using System.Security.Cryptography;
using System.Text;

namespace Approvals.Nominations;

/// <summary>What makes two slates the same list: the same nominees in the same order, or both a decline, compared
/// after Unicode normalisation (NFC) and with e-mail addresses in any case.</summary>
public static class SlateFingerprint
{
    public static string Of(Slate slate)
    {
        ArgumentNullException.ThrowIfNull(slate);
        var text = new StringBuilder(slate.Declined ? "declined" : "nominees");
        foreach (var n in slate.Declined ? [] : slate.Nominees)
        {
            foreach (var field in new[] { n.Name, n.NameZh ?? string.Empty, n.Position, n.Sex.ToString(), n.Email.ToUpperInvariant() })
            {
                text.Append('\u001f').Append(field.Trim().Normalize(NormalizationForm.FormC));
            }

            text.Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
