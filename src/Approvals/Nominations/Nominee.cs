using System.Text.Json.Serialization;

namespace Approvals.Nominations;

[JsonConverter(typeof(JsonStringEnumConverter<Sex>))]
public enum Sex
{
    Female,
    Male,
    Undisclosed,
}

/// <summary>One official nominated by a ministry.</summary>
public sealed record Nominee(string Name, string? NameZh, string Position, Sex Sex, string Email);

/// <summary>A ministry's answer: its nominees, or a decline.</summary>
public sealed record Slate(string Ministry, IReadOnlyList<Nominee> Nominees, bool Declined, string SubmittedBy, DateTimeOffset SubmittedAt);
