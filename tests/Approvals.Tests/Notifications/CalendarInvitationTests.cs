using System.Text;
using Approvals.Notifications;
using Ical.Net;

namespace Approvals.Tests.Notifications;

public sealed class CalendarInvitationTests
{
    private static Calendar InvitationOf(RenderedMail mail)
    {
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal(("invite.ics", "text/calendar", "REQUEST"), (attachment.FileName, attachment.MediaType, attachment.Method));
        return Calendar.Load(Encoding.UTF8.GetString(attachment.Content)) ?? throw new InvalidOperationException("No calendar.");
    }

    [Fact]
    public async Task AParticipantConfirmationCarriesAnInvitationThatParsesBackWithDatesLocationAndAttendee()
    {
        var calendar = InvitationOf(await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantConfirmation)));

        Assert.Equal("REQUEST", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.False(e.DtStart!.HasTime);
        Assert.Equal(new DateOnly(2027, 3, 2), e.DtStart.Date);
        Assert.Equal(new DateOnly(2027, 3, 4), e.DtEnd!.Date); // exclusive: the workshop's last day is 3 March
        Assert.True(e.IsAllDay);
        Assert.Equal("Beijing", e.Location);
        Assert.Equal("International Migration Law and International Standards / 国际移民法与国际标准", e.Summary);
        var attendee = Assert.Single(e.Attendees);
        Assert.Equal("mailto:li.wei@mfa.example.cn", attendee.Value?.ToString());
        Assert.Equal("Li Wei", attendee.CommonName);
        Assert.Equal("mailto:approvals@iom.example.org", e.Organizer?.Value?.ToString());
    }

    [Fact]
    public async Task TheInvitationUidIsStablePerWorkshopAndNominee()
    {
        var n = MailSamples.Of(NotificationKind.ParticipantConfirmation);
        var first = InvitationOf(await MailSamples.RenderAsync(n)).Events.Single().Uid;
        var later = InvitationOf(await MailSamples.RenderAsync(n with { Id = "another-delivery" }, at: MailSamples.Now.AddDays(3))).Events.Single().Uid;
        var other = InvitationOf(await MailSamples.RenderAsync(n with { Nominee = MailSamples.Nominee with { Email = "someone.else@mfa.example.cn" } })).Events.Single().Uid;

        Assert.Equal(first, later);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(NotificationKind.ReviewRequest)]
    [InlineData(NotificationKind.DecisionOutcome)]
    public async Task OtherMailsHaveNoAttachment(NotificationKind kind) =>
        Assert.Empty((await MailSamples.RenderAsync(MailSamples.Of(kind))).Attachments);
}
