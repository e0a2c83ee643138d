using System.Text;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Ical.Net;
using MimeKit;

namespace Approvals.IntegrationTests.Mail;

[Collection(nameof(MailCollection))]
public sealed class SmtpDeliveryTests(MailTestAzurite azurite, Smtp4devFixture smtp4dev)
{
    [Fact]
    public async Task MailKitDeliversAConfirmationToARealSmtpServerWithBothLanguagesAndTheInvitation()
    {
        await using var host = await MailHost.StartAsync(azurite, smtp4dev.SmtpPort);
        Assert.IsType<SmtpMailTransport>(host.Get<IMailTransport>());
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("li.wei");
        var n = MailTestData.Notification(id, NotificationKind.ParticipantConfirmation, to, Role.Participant, Stage.Published, "MFA",
            MailTestData.Nominee with { Email = to });

        await host.Get<NotificationHandler>().HandleAsync(Json.Serialize(n), 1);

        var message = await smtp4dev.WaitForMessageToAsync(to, TimeSpan.FromSeconds(15));
        Assert.Equal($"{n.Id}@iom.example.org", message.MessageId);
        Assert.Equal("[Approvals] Participation confirmed: International Migration Law and International Standards / 参会确认: 国际移民法与国际标准", message.Subject);
        Assert.Contains("Dear Li Wei", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("李伟：您好！", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("You are confirmed as a participant", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("您已确认作为外交部提名的学员参加本次研讨会", message.HtmlBody, StringComparison.Ordinal);

        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("invite.ics", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var calendar = Calendar.Load(Encoding.UTF8.GetString(content.ToArray()));
        var e = Assert.Single(calendar!.Events);
        Assert.Equal((new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 4), "Beijing"), (e.DtStart!.Date, e.DtEnd!.Date, e.Location));
        Assert.Equal($"mailto:{to}", Assert.Single(e.Attendees).Value?.ToString());

        var record = await host.Get<SentMailStore>().GetAsync(id, n.Id);
        Assert.Equal(SentMailStore.Sent, record?.Status);
        Assert.StartsWith($"smtp 127.0.0.1:{smtp4dev.SmtpPort}", record?.Receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewRequestThroughSmtpCarriesItsDecisionLink()
    {
        await using var host = await MailHost.StartAsync(azurite, smtp4dev.SmtpPort);
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("pm");
        var n = MailTestData.Notification(id, NotificationKind.ReviewRequest, to, Role.ProjectManager, Stage.InternalReview);

        await host.Get<NotificationHandler>().HandleAsync(Json.Serialize(n), 1);

        var message = await smtp4dev.WaitForMessageToAsync(to, TimeSpan.FromSeconds(15));
        Assert.Contains($"<a href=\"{MailHost.PublicBaseUrl}/api/decisions/", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{MailHost.PublicBaseUrl}/api/decisions/", message.TextBody, StringComparison.Ordinal);
        Assert.Empty(message.Attachments);
    }
}
