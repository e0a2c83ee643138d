using Approvals.Nominations;
using Approvals.Participants;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>One person of a workshop's roster (<see cref="ParticipantStore"/>).</summary>
internal sealed class ParticipantRow : TableRow
{
    public string Ministry { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string? NameZh { get; set; }
    public string Position { get; set; } = string.Empty;
    public string Sex { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string Status { get; set; } = string.Empty;
    public string Answer { get; set; } = string.Empty;
    public DateTimeOffset InvitedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnswerReason { get; set; }
    public string? Replaces { get; set; }
    public string? ReplacedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public bool? Attended { get; set; }

    public static ParticipantRow From(string workshopId, Participant p) => new()
    {
        PartitionKey = workshopId,
        RowKey = p.Id,
        Ministry = p.Ministry,
        Name = p.Person.Name,
        NameZh = p.Person.NameZh,
        Position = p.Person.Position,
        Sex = p.Person.Sex.ToString(),
        Email = p.Person.Email,
        Status = p.Status.ToString(),
        Answer = p.Answer.ToString(),
        InvitedAt = p.InvitedAt,
        AnsweredAt = p.AnsweredAt,
        AnswerReason = p.AnswerReason,
        Replaces = p.Replaces,
        ReplacedBy = p.ReplacedBy,
        WithdrawnAt = p.WithdrawnAt,
        Attended = p.Attended,
    };

    public Participant ToParticipant() => new(
        RowKey,
        Ministry,
        new Nominee(Name, NameZh, Position, Enum.TryParse<Sex>(Sex, out var sex) ? sex : Nominations.Sex.Undisclosed, Email),
        Enum.TryParse<ParticipantStatus>(Status, out var status) ? status : ParticipantStatus.Invited,
        Enum.TryParse<ParticipantAnswer>(Answer, out var answer) ? answer : ParticipantAnswer.None,
        InvitedAt,
        AnsweredAt,
        AnswerReason,
        Replaces,
        ReplacedBy,
        WithdrawnAt,
        Attended);
}
