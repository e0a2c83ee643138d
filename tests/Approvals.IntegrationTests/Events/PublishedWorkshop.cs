using System.Net;
using System.Net.Http.Json;
using System.Text;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Links;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Ical.Net;
using MimeKit;

namespace Approvals.IntegrationTests.Events;

/// <summary>Brings a workshop to Published through its links (three participants from two ministries, the others
/// decline) and reads the calendar parts of its mails as a mail client receives them.</summary>
internal static class PublishedWorkshop
{
    public static readonly string[] Ministries = ["MFA", "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "SAFEA", "NHFPC"];

    public static async Task<(string Id, string[] Participants)> PublishAsync(AppServer server)
    {
        var (id, submitted) = await server.SubmitAsync();
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await Approve(server, id, Stage.InternalReview, "project.manager@iom.example.org");
        await server.WaitForStageAsync(id, Stage.Nominations);

        string[] participants = [$"li.wei.{id}@mfa.example.cn", $"zhao.min.{id}@safea.example.cn", $"sun.li.{id}@safea.example.cn"];
        await Nominate(server, id, "MFA", [("Li Wei", "李伟", participants[0])]);
        await Nominate(server, id, "SAFEA", [("Zhao Min", "赵敏", participants[1]), ("Sun Li", "孙丽", participants[2])]);
        foreach (var ministry in Ministries.Except(["MFA", "SAFEA"]))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await server.Http.PostAsJsonAsync(OneClickOneEventTests.NominationLink(id, ministry), new { decline = true })).StatusCode);
        }

        await server.WaitForStageAsync(id, Stage.DonorSignOff, seconds: 60);
        await Approve(server, id, Stage.DonorSignOff, "programme.manager@eeas.example.eu");
        await server.WaitForStageAsync(id, Stage.Published, seconds: 60);
        return (id, participants);
    }

    private static async Task Approve(AppServer server, string id, Stage stage, string approver)
    {
        var path = $"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, stage, 0, approver)}";
        var response = await server.Http.PostAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("decision", "approve"), KeyValuePair.Create("comment", string.Empty)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task Nominate(AppServer server, string id, string ministry, (string Name, string NameZh, string Email)[] nominees)
    {
        var sent = await server.Http.PostAsJsonAsync(OneClickOneEventTests.NominationLink(id, ministry), new
        {
            nominees = nominees.Select(n => new { name = n.Name, nameZh = n.NameZh, position = "Director", sex = "female", email = n.Email }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    public static Task<List<MailboxMessage>> WaitForMails(AppServer server, string id, NotificationKind kind, int count, int seconds = 60) =>
        Eventually.Until(async () => (await server.MailsAsync(id)).Where(m => m.Kind == kind).ToList(), found => found.Count >= count, TimeSpan.FromSeconds(seconds),
            found => $"{found.Count} of {count} {kind} mails for {id} after {seconds}s.", TimeSpan.FromMilliseconds(200));

    /// <summary>What a calendar client reads in a mail: the method of the MIME calendar part, and the event of the .ics.</summary>
    public sealed record CalendarPart(string MimeMethod, string Method, string Uid, int Sequence, DateOnly Start, string? Location, string? Status);

    public static async Task<CalendarPart> CalendarOf(AppServer server, MailboxMessage mail)
    {
        var raw = await server.Http.GetByteArrayAsync($"dev/mailbox/{mail.Id}/raw");
        var message = await MimeMessage.LoadAsync(new MemoryStream(raw));
        var part = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.IsMimeType("text", "calendar"));
        var ics = message.Attachments.OfType<MimePart>().Single(a => a.FileName == "invite.ics");
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        var text = Encoding.UTF8.GetString(content.ToArray());
        Assert.Equal(part.Text.ReplaceLineEndings(), text.ReplaceLineEndings());
        var calendar = Calendar.Load(text)!;
        var e = Assert.Single(calendar.Events);
        Assert.Contains(e.Attendees, a => a.Value!.ToString().Contains(mail.To, StringComparison.OrdinalIgnoreCase));
        return new CalendarPart(part.ContentType.Parameters["method"] ?? string.Empty, calendar.Method!, e.Uid!, e.Sequence, e.DtStart!.Date, e.Location, e.Status);
    }
}
