using System.Text.Json.Serialization;
using Approvals.Nominations;
using Approvals.Storage;

namespace Approvals.Participants;

/// <summary>Whether a person is still on the workshop's list: a withdrawn one was taken off by their ministry (and,
/// when replaced, <see cref="Participant.ReplacedBy"/> names who came instead).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParticipantStatus>))]
public enum ParticipantStatus
{
    Invited,
    Withdrawn,
}

/// <summary>What the participant said about coming, through the link in their confirmation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParticipantAnswer>))]
public enum ParticipantAnswer
{
    None,
    Attending,
    Declined,
}

/// <summary>One official on a published workshop's list (the roster): who they are, for which ministry, whether they
/// are still invited, what they answered and, after the event, whether they came. The roster starts as the accepted
/// slates at publication; substitutions, answers and attendance change it.</summary>
/// <param name="Id">Stable for the person in this workshop (<see cref="IdOf"/>): links and attendance name it.</param>
/// <param name="Attended">Null until staff record attendance.</param>
public sealed record Participant(
    string Id,
    string Ministry,
    Nominee Person,
    ParticipantStatus Status,
    ParticipantAnswer Answer,
    DateTimeOffset InvitedAt,
    DateTimeOffset? AnsweredAt = null,
    string? AnswerReason = null,
    string? Replaces = null,
    string? ReplacedBy = null,
    DateTimeOffset? WithdrawnAt = null,
    bool? Attended = null)
{
    public bool IsInvited => Status == ParticipantStatus.Invited;

    /// <summary>The id of a person in a workshop: from the address, so a retried write or a re-seeded roster finds the same row.</summary>
    public static string IdOf(string workshopId, string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return IdempotencyStore.Hash($"{workshopId}/participant/{email.Trim().ToUpperInvariant()}")[..20];
    }

    public static Participant Invite(string workshopId, string ministry, Nominee person, DateTimeOffset at, string? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(IdOf(workshopId, person.Email), ministry, person, ParticipantStatus.Invited, ParticipantAnswer.None, at, Replaces: replaces);
    }
}
