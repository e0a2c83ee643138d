using System.Globalization;
using System.Text;

namespace Approvals.Nominations;

/// <summary>When two nominee addresses name the same mailbox: the same text after Unicode compatibility
/// normalisation and case folding, with the domain in its ASCII (punycode) form. Fullwidth letters pasted from a
/// Chinese input method, a decomposed accent or a domain written in Unicode then all compare equal to the plain
/// spelling.</summary>
public static class NomineeEmail
{
    private static readonly IdnMapping Idn = new();

    public static string Key(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var text = email.Trim().Normalize(NormalizationForm.FormKC);
        var at = text.LastIndexOf('@');
        if (at < 0) return text.ToUpperInvariant();
        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.');
        try
        {
            domain = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // Not a valid IDN; the address check refuses it elsewhere, so comparing its plain form is enough here.
        }

        return $"{local.ToUpperInvariant()}@{domain.ToUpperInvariant()}";
    }
}
