using Approvals.Events;
using Approvals.Nominations;
using Approvals.Participants;

namespace Approvals.Tests.Participants;

/// <summary>What a focal point may do to their ministry's list after publication, and until when.</summary>
public sealed class RosterRulesTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 10, 8, 0, 0, TimeSpan.Zero);

    private static List<Participant> Roster(string ministry, int count) =>
        Builders.Slate(ministry, count).Nominees.Select(n => Participant.Invite("ws-1", ministry, n, At)).ToList();

    private static Nominee Person(string email) => new("Wang Fang", "王芳", "Deputy Director", Sex.Female, email);

    [Fact]
    public void TheCutoffIsThreeDaysBeforeTheFirstDayBeginsInChina()
    {
        var schedule = new Schedule(new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), "Beijing");

        // Midnight of 2 March in Beijing is 16:00 UTC on 1 March; three days before is 26 February 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 16, 0, 0, TimeSpan.Zero), RosterRules.FirstDay(schedule));
        Assert.Equal(new DateTimeOffset(2027, 2, 26, 16, 0, 0, TimeSpan.Zero), RosterRules.ChangeCutoff(schedule, new Approvals.Workflow.Timing().ChangeCutoff));
        Assert.Equal(new DateTimeOffset(2027, 2, 22, 16, 0, 0, TimeSpan.Zero), RosterRules.AnswerReminder(schedule, new Approvals.Workflow.Timing().AnswerReminderBefore));
    }

    [Fact]
    public void AReplacementKeepsTheCountAndIsValidatedLikeANominee()
    {
        var roster = Roster("SAFEA", 5);
        Assert.Empty(RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", roster[0].Id, Person("wang.fang@safea.example.cn")));

        var errors = RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", roster[0].Id, new Nominee("", null, "", Sex.Male, "not-an-address"));
        Assert.Equal(["email", "name", "position"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnAdditionBeyondTheQuotaIsRefusedButAfterAWithdrawalItFits()
    {
        var roster = Roster("SAFEA", 5);
        var full = RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", null, Person("wang.fang@safea.example.cn"));
        Assert.Contains("At most 5 participants for SAFEA", Assert.Single(full["quota"]), StringComparison.Ordinal);

        roster[0] = roster[0] with { Status = ParticipantStatus.Withdrawn };
        Assert.Empty(RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", null, Person("wang.fang@safea.example.cn")));
    }

    [Fact]
    public void ASubstituteAlreadyInvitedByAnyMinistryIsRefusedWithoutSayingWhich()
    {
        var roster = Roster("SAFEA", 2).Concat(Roster("MFA", 2)).ToList();
        var mfaPerson = roster.First(p => p.Ministry == "MFA").Person.Email;

        // Another spelling of the same mailbox (upper case) is the same person.
        var errors = RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", roster[0].Id, Person(mfaPerson.ToUpperInvariant()));
        Assert.Equal($"{mfaPerson.ToUpperInvariant()} is already on this workshop's list.", Assert.Single(errors["email"]));

        // A withdrawn person may come back.
        roster[3] = roster[3] with { Status = ParticipantStatus.Withdrawn };
        Assert.Empty(RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", roster[0].Id, Person(roster[3].Person.Email)));
    }

    [Fact]
    public void OnlyThisMinistrysInvitedParticipantsCanBeWithdrawn()
    {
        var roster = Roster("SAFEA", 2).Concat(Roster("MFA", 2)).ToList();
        var mfa = roster.First(p => p.Ministry == "MFA");

        Assert.Contains("participant", RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", mfa.Id, null).Keys);
        Assert.Contains("participant", RosterRules.CheckSubstitution(Builders.Proposal(), roster, "SAFEA", null, null).Keys);
        Assert.Contains("ministry", RosterRules.CheckSubstitution(Builders.Proposal(), roster, "UNKNOWN", null, Person("x.y@example.cn")).Keys);
        Assert.Empty(RosterRules.CheckSubstitution(Builders.Proposal(), roster, "MFA", mfa.Id, null));
    }
}
