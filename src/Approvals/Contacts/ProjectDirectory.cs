namespace Approvals.Contacts;

/// <summary>Who is who: ministries with their focal points, project managers, donor approvers and the escalation list.</summary>
public sealed record ProjectDirectory(
    IReadOnlyList<string> ProjectManagers,
    IReadOnlyList<string> DonorApprovers,
    IReadOnlyList<string> Escalation,
    IReadOnlyList<Ministry> Ministries)
{
    public Ministry? Find(string code) =>
        Ministries.FirstOrDefault(m => string.Equals(m.Code, code, StringComparison.OrdinalIgnoreCase));
}

public sealed record Ministry(string Code, string NameEn, string NameZh, IReadOnlyList<string> FocalPoints);
