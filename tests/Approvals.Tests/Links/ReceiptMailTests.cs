using Approvals.Links;
using Approvals.Notifications;
using Approvals.Tests.Notifications;
using Approvals.Workflow;

namespace Approvals.Tests.Links;

public sealed class ReceiptMailTests
{
    [Fact]
    public async Task AReceiptSaysWhatWasRecordedWhenFromWhereAndWhomToTell()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Of(NotificationKind.Receipt));

        Assert.Contains("Receipt", mail.Subject, StringComparison.Ordinal);
        Assert.Null(mail.Link);
        foreach (var expected in new[]
        {
            "Changes requested", "要求修改", "Please check the budget.",
            ChinaTime.En(MailSamples.Now), ChinaTime.Zh(MailSamples.Now),
            "203.0.113.7", "Mozilla/5.0 (Windows NT 10.0) Edge/131",
            "If this was not you", "如非您本人所为", "project.officer@iom.example.org", "liaison.office@iom.example.org",
        })
        {
            Assert.Contains(expected, mail.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("/api/decisions/", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlateReceiptNamesTheMinistryAndTheCount()
    {
        var n = MailSamples.Make(NotificationKind.Receipt, "focal.mfa@gov.example.cn", Role.FocalPoint, Stage.Nominations, null) with
        {
            Ministry = "MFA",
            Receipt = new LinkReceipt(ReceiptAction.SlateSent, MailSamples.Now, null, null, 3),
        };

        var mail = await MailSamples.RenderAsync(n);

        Assert.Contains("3 nominee(s) sent for Ministry of Foreign Affairs (MFA)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("外交部提交了 3 名学员", mail.Text, StringComparison.Ordinal);
        Assert.Contains("unknown", mail.Text, StringComparison.Ordinal);
    }
}
