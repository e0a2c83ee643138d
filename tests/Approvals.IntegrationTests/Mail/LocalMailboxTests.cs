using System.Net;
using System.Text.Json;
using Approvals.Notifications;
using Approvals.Workflow;
using MimeKit;

namespace Approvals.IntegrationTests.Mail;

[Collection(nameof(MailCollection))]
public sealed class LocalMailboxTests(MailTestAzurite azurite)
{
    [Fact]
    public async Task WithoutAnSmtpHostTheMailLandsInTheLocalMailboxAndItsJson()
    {
        await using var host = await MailHost.StartAsync(azurite);
        Assert.IsType<LocalMailboxTransport>(host.Get<IMailTransport>());
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("pm");
        var n = MailTestData.Notification(id, NotificationKind.ReviewRequest, to, Role.ProjectManager, Stage.InternalReview);

        await host.Get<NotificationHandler>().HandleAsync(Json.Serialize(n), 1);

        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to.ToUpperInvariant())}"));
        var mail = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(to, mail.GetProperty("to").GetString());
        Assert.StartsWith("[Approvals] Review requested: International Migration Law", mail.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.True(mail.GetProperty("sentAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Contains("请审核", mail.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://127.0.0.1:7071/api/decisions/", mail.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:7071/api/decisions/", mail.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(n.Id, mail.GetProperty("notificationId").GetString());
        var mailboxId = mail.GetProperty("id").GetString()!;

        var list = await host.Http.GetStringAsync("/dev/mailbox");
        Assert.Contains($"<a href=\"/dev/mailbox/{mailboxId}\">", list, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(to), list, StringComparison.Ordinal);

        var page = await host.Http.GetStringAsync($"/dev/mailbox/{mailboxId}");
        Assert.Contains("<a href=\"http://127.0.0.1:7071/api/decisions/", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Text</h2>", page, StringComparison.Ordinal);

        using var raw = await host.Http.GetAsync($"/dev/mailbox/{mailboxId}/raw");
        Assert.Equal("message/rfc822", raw.Content.Headers.ContentType?.MediaType);
        var eml = await MimeMessage.LoadAsync(await raw.Content.ReadAsStreamAsync());
        Assert.Equal($"{n.Id}@iom.example.org", eml.MessageId);
    }

    [Fact]
    public async Task TheNewestMailIsListedFirst()
    {
        await using var host = await MailHost.StartAsync(azurite);
        var id = await MailTestData.SeedWorkshopAsync(host);
        var to = MailTestData.UniqueAddress("officer");
        var handler = host.Get<NotificationHandler>();
        var first = MailTestData.Notification(id, NotificationKind.ChangesRequested, to, Role.Proposer, Stage.ChangesRequested) with { Comment = "First" };
        var second = MailTestData.Notification(id, NotificationKind.DecisionOutcome, to, Role.Proposer, Stage.Rejected) with { Outcome = Stage.Rejected };

        await handler.HandleAsync(Json.Serialize(first), 1);
        await handler.HandleAsync(Json.Serialize(second), 1);

        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to)}"));
        Assert.Equal([second.Id, first.Id], json.RootElement.EnumerateArray().Select(m => m.GetProperty("notificationId").GetString()!).ToArray());
    }

    [Fact]
    public async Task AScriptInATitleIsEncodedInTheMailboxPages()
    {
        await using var host = await MailHost.StartAsync(azurite);
        var id = await MailTestData.SeedWorkshopAsync(host, MailTestData.Proposal() with { Title = "<script>alert(1)</script>", TitleZh = "<script>alert(2)</script>" });
        var to = MailTestData.UniqueAddress("pm");
        await host.Get<NotificationHandler>().HandleAsync(
            Json.Serialize(MailTestData.Notification(id, NotificationKind.ReviewRequest, to, Role.ProjectManager, Stage.InternalReview)), 1);

        using var json = JsonDocument.Parse(await host.Http.GetStringAsync($"/dev/mailbox/messages?to={Uri.EscapeDataString(to)}"));
        var mailboxId = Assert.Single(json.RootElement.EnumerateArray()).GetProperty("id").GetString();

        foreach (var path in new[] { "/dev/mailbox", $"/dev/mailbox/{mailboxId}" })
        {
            var page = await host.Http.GetStringAsync(path);
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownMailboxMessageIs404()
    {
        await using var host = await MailHost.StartAsync(azurite);

        using var response = await host.Http.GetAsync("/dev/mailbox/0000-nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
