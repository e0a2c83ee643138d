using System.Text.Json;
using Approvals.Events;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Status;
using Approvals.Workflow;

namespace Approvals.Tests.Participants;

public sealed class HeldTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnlyAPublishedWorkshopBecomesHeldAndAHeldOneGoesNowhere()
    {
        Assert.Equal(Stage.Held, StageMachine.Move(Stage.Published, Stage.Held));
        Assert.True(Stage.Held.IsTerminal());
        Assert.All(Enum.GetValues<Stage>().Where(s => s != Stage.Published), s => Assert.False(StageMachine.CanMove(s, Stage.Held)));
        Assert.Throws<InvalidOperationException>(() => StageMachine.Move(Stage.Held, Stage.Cancelled));
        Assert.Equal("Held / 已举办", Stage.Held.Name().ToString());
    }

    [Fact]
    public void AHeldWorkshopsTimelineEndsWithHeldDone()
    {
        var status = new WorkshopStatus("ws-1", "T", Stage.Held, 0, "Completed", Start, Start, [], new NominationCounts(0, new Dictionary<string, int>(), new Dictionary<string, int>()),
            [new(Start, Stage.InternalReview, AuditActions.Submitted, "a", null), new(Start.AddDays(9), Stage.Published, AuditActions.Published, "a", null),
             new(Start.AddDays(30), Stage.Held, AuditActions.AttendanceRecorded, "staff", "2 of 3 attended")]);
        var steps = Timeline.Of(status);
        Assert.Equal([Stage.InternalReview, Stage.Published, Stage.Held], steps.Select(s => s.Stage));
        Assert.All(steps, s => Assert.Equal(TimelineState.Done, s.State));
    }

    [Fact]
    public void AttendanceOpensWhenTheLastDayIsOverInChina()
    {
        var over = new Schedule(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1), "Beijing").Over;
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), over);
    }

    [Fact]
    public void CountsAreOfThePeopleStillInvited()
    {
        Participant P(string ministry, Sex sex, string email, bool? came, ParticipantStatus status = ParticipantStatus.Invited) =>
            Participant.Invite("ws-1", ministry, new Nominee(email, null, "Director", sex, email), Start) with { Attended = came, Status = status };
        var counts = AttendanceCounts.Of([P("MFA", Sex.Female, "a@x.cn", true), P("MFA", Sex.Male, "b@x.cn", false), P("MOE", Sex.Male, "c@x.cn", true),
            P("MOE", Sex.Female, "d@x.cn", null, ParticipantStatus.Withdrawn), P("SAFEA", Sex.Female, "e@x.cn", false)]);
        Assert.Equal((4, 2), (counts.Invited, counts.Total));
        Assert.Equal(new Dictionary<string, int> { ["MFA"] = 1, ["MOE"] = 1, ["SAFEA"] = 0 }, counts.ByMinistry);
        Assert.Equal(new Dictionary<string, int> { ["female"] = 1, ["male"] = 1, ["undisclosed"] = 0 }, counts.BySex);
        Assert.Equal("2 of 4 attended (1 female, 1 male)", counts.Summary());
    }

    [Theory]
    [InlineData("""["a", "b@x.cn"]""", null)]
    [InlineData("""{"attended": [], "recordedBy": "Chen"}""", null)]
    [InlineData("""{"attended": ["a", 3]}""", "attended[1]")]
    [InlineData("""{"attended": ["  "]}""", "attended[0]")]
    [InlineData("""{"recordedBy": "Chen"}""", "attended")]
    [InlineData("""{"attended": [], "who": "Chen"}""", "who")]
    [InlineData("""{"attended": "a"}""", "attended")]
    [InlineData("""{"attended": [], "recordedBy": "a\nb"}""", "recordedBy")]
    [InlineData("42", "attended")]
    public void TheBodyIsTheListOrAnObjectAndEveryBadEntryIsNamed(string json, string? field)
    {
        var (request, errors) = AttendanceRequest.Read(JsonDocument.Parse(json).RootElement, "api");
        if (field is null)
        {
            Assert.NotNull(request);
            Assert.Empty(errors);
        }
        else
        {
            Assert.Null(request);
            Assert.Contains(field, errors.Keys);
        }
    }
}
