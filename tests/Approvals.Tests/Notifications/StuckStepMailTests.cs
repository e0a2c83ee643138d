using Approvals.Notifications;

namespace Approvals.Tests.Notifications;

public sealed class StuckStepMailTests
{
    [Fact]
    public async Task TheEscalationContactsReadWhatIsStuckSinceWhenWhyAndHowToRetryInBothLanguages()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.StepStuck));

        Assert.Contains("Stuck, needs you", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("流程受阻", mail.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { mail.Text, mail.Html })
        {
            Assert.Contains("publish the announcement (PublishAnnouncement)", body, StringComparison.Ordinal);
            Assert.Contains("发布公告", body, StringComparison.Ordinal);
            Assert.Contains("EU donor sign-off", body, StringComparison.Ordinal);
            Assert.Contains(ChinaTime.En(MailSamples.Stuck.Since), body, StringComparison.Ordinal);
            Assert.Contains("The table specified does not exist. (TableNotFound)", body, StringComparison.Ordinal);
            Assert.Contains($"https://approvals.example.org/api/workshops/{MailSamples.WorkshopId}/retry", body, StringComparison.Ordinal);
        }

        Assert.Contains("curl -X POST", mail.Text, StringComparison.Ordinal);
        Assert.Contains("重新运行该步骤", mail.Text, StringComparison.Ordinal);
    }
}
