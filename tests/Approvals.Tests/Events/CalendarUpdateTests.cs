using System.Text;
using Approvals.Events;
using Approvals.Notifications;
using Approvals.Tests.Notifications;
using Ical.Net;
using MimeKit;

namespace Approvals.Tests.Events;

/// <summary>A change of a published workshop reaches each participant's calendar as the same event: same UID, higher
/// SEQUENCE, METHOD:REQUEST to move it and METHOD:CANCEL to remove it.</summary>
public sealed class CalendarUpdateTests
{
    private static (string Method, Ical.Net.CalendarComponents.CalendarEvent Event) CalendarOf(RenderedMail mail)
    {
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal(("invite.ics", "text/calendar"), (attachment.FileName, attachment.MediaType));
        var calendar = Calendar.Load(Encoding.UTF8.GetString(attachment.Content)) ?? throw new InvalidOperationException("No calendar.");
        Assert.Equal(attachment.Method, calendar.Method);
        return (calendar.Method!, Assert.Single(calendar.Events));
    }

    [Fact]
    public async Task APostponementMovesTheSameEventToTheNewDatesAndVenueWithAHigherSequence()
    {
        var (_, invited) = CalendarOf(await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantConfirmation)));
        var (method, moved) = CalendarOf(await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantUpdate)));

        Assert.Equal("REQUEST", method);
        Assert.Equal(invited.Uid, moved.Uid);
        Assert.Equal((0, 1), (invited.Sequence, moved.Sequence));
        Assert.Equal(new DateOnly(2027, 4, 6), moved.DtStart!.Date);
        Assert.Equal(new DateOnly(2027, 4, 8), moved.DtEnd!.Date); // exclusive: the last day is 7 April
        Assert.Equal("Shanghai", moved.Location);
        Assert.Equal("CONFIRMED", moved.Status);
    }

    [Fact]
    public async Task ASecondPostponementRaisesTheSequenceAgain()
    {
        var second = MailSamples.Of(NotificationKind.ParticipantUpdate) with
        {
            Calendar = new CalendarChange(2, new Schedule(new DateOnly(2027, 5, 11), new DateOnly(2027, 5, 12), "Shanghai"), MailSamples.Postponed.Now),
        };

        var (method, moved) = CalendarOf(await MailSamples.RenderAsync(second));

        Assert.Equal(("REQUEST", 2, new DateOnly(2027, 5, 11)), (method, moved.Sequence, moved.DtStart!.Date));
    }

    [Fact]
    public async Task ACancellationRemovesTheSameEvent()
    {
        var (_, invited) = CalendarOf(await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantConfirmation)));
        var (method, cancelled) = CalendarOf(await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantCancellation)));

        Assert.Equal("CANCEL", method);
        Assert.Equal(invited.Uid, cancelled.Uid);
        Assert.Equal(2, cancelled.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);
    }

    [Fact]
    public async Task TheMimeCalendarPartCarriesTheSameMethodAsTheIcs()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantCancellation));

        var message = MailMessages.Create(mail, MailSamples.From, MailSamples.Now);

        var part = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("CANCEL", part.ContentType.Parameters["method"]);
        Assert.Contains("METHOD:CANCEL", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheParticipantsMailSaysPostponedWithNewAndOldDatesInBothLanguages()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantUpdate));

        Assert.Contains("Postponed", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("已延期", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Tue 6 April 2027 – Wed 7 April 2027", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Tue 2 March 2027 – Wed 3 March 2027", mail.Text, StringComparison.Ordinal);
        Assert.Contains("The trainer is ill.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("新日期", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Shanghai", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotificationKind.PostponementNotice)]
    [InlineData(NotificationKind.CancellationNotice)]
    public async Task NoticesToFocalPointsAndTheDonorCarryNoCalendar(NotificationKind kind) =>
        Assert.Empty((await MailSamples.RenderAsync(MailSamples.Of(kind))).Attachments);
}
