using Approvals.Notifications;
using Approvals.Tests.Notifications;

namespace Approvals.Tests.Participants;

/// <summary>The links and calendars the roster's mails carry.</summary>
public sealed class RosterMailTests
{
    [Fact]
    public async Task AConfirmationCarriesTheParticipantsOwnAnswerLink()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantConfirmation));

        Assert.Contains("/api/answers/", mail.Link?.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(mail.Link!.AbsoluteUri, mail.Html, StringComparison.Ordinal);
        Assert.True(mail.Text.IndexOf("will you attend?", StringComparison.Ordinal) < mail.Text.IndexOf("是否参加", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(NotificationKind.ParticipantsListed)]
    [InlineData(NotificationKind.ParticipantDeclined)]
    public async Task FocalPointsGetTheirMinistrysListLinkUntilTheCutoff(NotificationKind kind)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(kind));

        Assert.Contains("/api/substitutions/", mail.Link?.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("Changes possible until", mail.Text, StringComparison.Ordinal);
        Assert.Contains("可更改至", mail.Text, StringComparison.Ordinal);
        Assert.Contains("UTC", mail.Text, StringComparison.Ordinal);

        // After the cutoff the mail says the list is closed and offers no link.
        var late = await MailSamples.RenderAsync(MailSamples.Of(kind) with { DueAt = null });
        Assert.DoesNotContain("/api/substitutions/", late.Html, StringComparison.Ordinal);
        Assert.Contains("Substitutions are closed", late.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWithdrawnParticipantIsSentACancellationOfTheirOwnEvent()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.ParticipantWithdrawn));

        var ics = Assert.Single(mail.Attachments);
        Assert.Equal(CalendarInvitation.CancelMethod, ics.Method);
        var text = System.Text.Encoding.UTF8.GetString(ics.Content);
        Assert.Contains("METHOD:CANCEL", text, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:1", text, StringComparison.Ordinal);
        Assert.Contains($"UID:{CalendarInvitation.Uid(MailSamples.WorkshopId, MailSamples.Nominee.Email)}", text, StringComparison.Ordinal);
        Assert.Contains("withdrawn your participation", mail.Text, StringComparison.Ordinal);
    }
}
