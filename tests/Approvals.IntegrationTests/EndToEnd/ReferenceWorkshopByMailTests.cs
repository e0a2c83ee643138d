using System.Net;
using System.Net.Http.Json;
using System.Text;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Ical.Net;
using MimeKit;

namespace Approvals.IntegrationTests.EndToEnd;

/// <summary>The reference workshop carried to Published only by reading mails in the local mailbox and clicking, as
/// the project manager, eight focal points and the EU programme manager will. No event is raised by hand.</summary>
[Collection(SharedServer.Workshops)]
public sealed class ReferenceWorkshopByMailTests(AppServer server)
{
    private Task<List<MailboxMessage>> Mails(string workshopId) => server.MailsAsync(workshopId);

    private Task<List<MailboxMessage>> WaitForMails(string workshopId, NotificationKind kind, int count, int seconds = 60) =>
        Eventually.Until(async () => (await Mails(workshopId)).Where(m => m.Kind == kind).ToList(), found => found.Count >= count, TimeSpan.FromSeconds(seconds),
            found => $"{found.Count} of {count} {kind} mails for {workshopId} after {seconds}s.", TimeSpan.FromMilliseconds(200));

    /// <summary>Opens a mailed link as a mail client would: GET, which must change nothing.</summary>
    private async Task<(string Path, string Html)> Open(string workshopId, MailboxMessage mail)
    {
        Assert.NotNull(mail.Link);
        Assert.Contains(mail.Link!, mail.Html, StringComparison.Ordinal);
        var path = new Uri(mail.Link!).PathAndQuery.TrimStart('/');
        var before = await server.StatusAsync(workshopId);
        var page = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var after = await server.StatusAsync(workshopId);
        Assert.Equal((before.Stage, before.History.Count, before.Nominations.Total), (after.Stage, after.History.Count, after.Nominations.Total));
        return (path, await page.Content.ReadAsStringAsync());
    }

    private async Task Approve(string path)
    {
        var response = await server.Http.PostAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("decision", "approve"), KeyValuePair.Create("comment", string.Empty)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("your decision is recorded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReferenceWorkshopReachesPublishedByMailAndClicksAloneAndEveryNomineeGetsAnInvitation()
    {
        var (id, submitted) = await server.SubmitAsync();
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        // The project manager reads the review request, opens it, approves.
        var review = Assert.Single(await WaitForMails(id, NotificationKind.ReviewRequest, 1));
        Assert.Equal("project.manager@iom.example.org", review.To);
        Assert.Contains("国际移民法与国际标准", review.Html, StringComparison.Ordinal);
        var (reviewPath, reviewPage) = await Open(id, review);
        Assert.Contains("International Migration Law and International Standards", reviewPage, StringComparison.Ordinal);
        await Approve(reviewPath);

        // Every focal point gets a nomination request and sends a full slate through the form.
        var requests = await WaitForMails(id, NotificationKind.NominationRequest, 8);
        Assert.Equal(8, requests.Select(r => r.To).Distinct().Count());
        var nominee = 0;
        var answered = 0;
        foreach (var request in requests)
        {
            var (path, form) = await Open(id, request);
            var quota = Enumerable.Range(0, 60).Count(i => form.Contains($"name=\"nominees[{i}].email\"", StringComparison.Ordinal));
            var fields = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < quota; i++, nominee++)
            {
                fields.Add(KeyValuePair.Create($"nominees[{i}].name", $"Official {nominee}"));
                fields.Add(KeyValuePair.Create($"nominees[{i}].nameZh", $"官员{nominee}"));
                fields.Add(KeyValuePair.Create($"nominees[{i}].position", "Division Director"));
                fields.Add(KeyValuePair.Create($"nominees[{i}].sex", nominee % 2 == 0 ? "female" : "male"));
                fields.Add(KeyValuePair.Create($"nominees[{i}].email", $"official.{nominee}@gov.example.cn"));
            }

            var sent = await server.Http.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            answered++;
            if (answered < 8)
            {
                await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count == 8 - answered);
            }
        }

        Assert.Equal(51, nominee);

        // The EU programme manager sees the summary with 51 nominees and approves.
        var donorMail = Assert.Single(await WaitForMails(id, NotificationKind.DonorRequest, 1));
        Assert.Equal("programme.manager@eeas.example.eu", donorMail.To);
        var (donorPath, donorPage) = await Open(id, donorMail);
        Assert.Contains("Nominees / 提名人选: 51", donorPage, StringComparison.Ordinal);
        Assert.Contains("EUR 38,000", donorPage, StringComparison.Ordinal);
        await Approve(donorPath);

        var published = await server.WaitForStageAsync(id, Stage.Published, seconds: 60);
        Assert.Equal(51, published.Nominations.Total);
        var announcement = await (await new HttpClient { BaseAddress = server.Process.BaseAddress }.GetAsync($"api/events/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("International Migration Law and International Standards", announcement, StringComparison.Ordinal);
        Assert.Contains("国际移民法与国际标准", announcement, StringComparison.Ordinal);
        Assert.Contains("51", announcement, StringComparison.Ordinal);
        Assert.Contains(published.History, h => h.Action == "DecisionApprove" && h.Actor == "programme.manager@eeas.example.eu");

        // Every nominee has a confirmation with a calendar invitation for 2–3 March 2027 in Beijing.
        var confirmations = await WaitForMails(id, NotificationKind.ParticipantConfirmation, 51, seconds: 90);
        Assert.Equal(51, confirmations.Select(c => c.To).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var confirmation in confirmations.Take(5))
        {
            var raw = await server.Http.GetByteArrayAsync($"dev/mailbox/{confirmation.Id}/raw");
            var message = await MimeMessage.LoadAsync(new MemoryStream(raw));
            var ics = message.Attachments.OfType<MimePart>().Single(a => a.FileName?.EndsWith(".ics", StringComparison.Ordinal) == true);
            using var content = new MemoryStream();
            await ics.Content!.DecodeToAsync(content);
            var calendar = Calendar.Load(Encoding.UTF8.GetString(content.ToArray()))!;
            var evt = Assert.Single(calendar.Events);
            Assert.Equal(new DateOnly(2027, 3, 2), DateOnly.FromDateTime(evt.DtStart!.Value));
            Assert.Contains("Beijing", evt.Location, StringComparison.Ordinal);
            Assert.Contains(evt.Attendees, a => a.Value!.ToString().Contains(confirmation.To, StringComparison.OrdinalIgnoreCase));
        }
    }
}
