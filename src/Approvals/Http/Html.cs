using System.Net;

namespace Approvals.Http;

/// <summary>HTML-encoding for the mails, which are assembled as blocks rather than rendered as components.</summary>
public static class Html
{
    /// <summary>HTML-encodes user text.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
