namespace Approvals.Nominations;

/// <summary>The JSON body of <c>POST /api/nominations/{token}</c>: the nominees, or <c>"decline": true</c>.</summary>
public sealed record SlateRequest(bool Decline = false, IReadOnlyList<NomineeRequest?>? Nominees = null);

/// <summary>One nominee as sent; blanks and the sex are checked by <see cref="SlateReader"/> and <see cref="SlateRules"/>.</summary>
public sealed record NomineeRequest(string? Name, string? NameZh, string? Position, string? Sex, string? Email);
