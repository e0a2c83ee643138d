using Approvals.Events;
using Approvals.Nominations;
using Approvals.Proposals;

namespace Approvals.Participants;

/// <summary>What a change to a published workshop's list must respect: the cutoff, the ministry's quota, and that
/// nobody is on the list twice. Used by the substitution page (to show the form's errors) and by the run (which
/// decides).</summary>
public static class RosterRules
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Midnight of the first day in China: answers close then.</summary>
    public static DateTimeOffset FirstDay(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new DateTimeOffset(schedule.StartDate.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
    }

    /// <summary>The last moment a ministry may withdraw or replace a participant.</summary>
    public static DateTimeOffset ChangeCutoff(Schedule schedule, TimeSpan before) => FirstDay(schedule) - before;

    /// <summary>When the participants who have not answered are reminded.</summary>
    public static DateTimeOffset AnswerReminder(Schedule schedule, TimeSpan before) => FirstDay(schedule) - before;

    /// <summary>Field errors for a withdrawal (<paramref name="withdraw"/>), an addition (<paramref name="substitute"/>)
    /// or a replacement (both); empty when the list may change so.</summary>
    public static Dictionary<string, string[]> CheckSubstitution(
        Proposal proposal, IReadOnlyList<Participant> roster, string ministry, string? withdraw, Nominee? substitute)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(roster);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var quota = proposal.QuotaOf(ministry);
        if (quota == 0) errors["ministry"] = [$"Ministry '{ministry}' is not invited to this workshop."];
        if (withdraw is null && substitute is null) errors["participant"] = ["Choose a participant to withdraw or replace, or give the person to add."];

        var mine = roster.Where(p => p.IsInvited && string.Equals(p.Ministry, ministry, StringComparison.OrdinalIgnoreCase)).ToList();
        var target = withdraw is null ? null : mine.FirstOrDefault(p => p.Id == withdraw);
        if (withdraw is not null && target is null) errors["participant"] = ["This person is not on your ministry's list (any more)."];

        if (substitute is not null)
        {
            var slate = new Slate(ministry, [substitute], false, string.Empty, default);
            foreach (var (field, messages) in SlateRules.Check(proposal, slate, []).Where(e => e.Key.StartsWith("nominees[0].", StringComparison.Ordinal)))
            {
                errors[field["nominees[0].".Length..]] = messages;
            }

            var key = SlateRules.IsEmail(substitute.Email) ? NomineeEmail.Key(substitute.Email) : null;
            if (key is not null && target is not null && NomineeEmail.Key(target.Person.Email) == key)
            {
                errors["email"] = [$"{substitute.Email} is the person being replaced."];
            }
            else if (key is not null && roster.Any(p => p.IsInvited && NomineeEmail.Key(p.Person.Email) == key))
            {
                // Which ministry holds the address is not said: a focal point learns nothing of another ministry's list.
                errors["email"] = [$"{substitute.Email} is already on this workshop's list."];
            }
        }

        var after = mine.Count - (target is null ? 0 : 1) + (substitute is null ? 0 : 1);
        if (quota > 0 && after > quota) errors["quota"] = [$"At most {quota} participants for {ministry}; the list would have {after}."];
        return errors;
    }
}
