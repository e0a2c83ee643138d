using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Notifications;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;
using static Approvals.IntegrationTests.Events.PublishedWorkshop;

namespace Approvals.IntegrationTests.Events;

/// <summary>A workshop published by the approval workflow — which ends at Published exactly as it did before there was
/// a life after it, so this is also every workshop published before the upgrade — is postponed twice and then
/// cancelled, all through the API; what participants, focal points, the donor and the public see is read from the
/// raw mails and the public pages.</summary>
[Collection(SharedServer.AfterPublication)]
public sealed class PublishedWorkshopChangesTests(AppServer server)
{
    private const string Donor = "programme.manager@eeas.example.eu";
    private const string Proposer = "project.officer@iom.example.org";

    private static readonly string[] FocalPoints = Ministries.Select(m => $"focal.{m.ToLowerInvariant()}@gov.example.cn").ToArray();

    private Task<HttpResponseMessage> Post(string id, string action, object body) => server.Http.PostAsJsonAsync($"api/workshops/{id}/{action}", body);

    private async Task<string> Page(string id)
    {
        using var anonymous = new HttpClient { BaseAddress = server.Process.BaseAddress };
        var response = await anonymous.GetAsync($"api/events/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonElement?> Listed(string id)
    {
        using var anonymous = new HttpClient { BaseAddress = server.Process.BaseAddress };
        var rows = await anonymous.GetFromJsonAsync<JsonElement>("api/events");
        return rows.EnumerateArray().Where(r => r.GetProperty("id").GetString() == id).Select(r => (JsonElement?)r).SingleOrDefault();
    }

    /// <summary>Every participant has exactly one mail of <paramref name="kind"/>, whose calendar is the same event as
    /// their first invitation.</summary>
    private async Task<List<CalendarPart>> Calendars(string id, NotificationKind kind, string[] participants, IReadOnlyDictionary<string, string> uids)
    {
        var mails = await WaitForMails(server, id, kind, participants.Length);
        Assert.Equal(participants.Order(StringComparer.OrdinalIgnoreCase), mails.Select(m => m.To).Order(StringComparer.OrdinalIgnoreCase));
        var parts = new List<CalendarPart>();
        foreach (var mail in mails)
        {
            var part = await CalendarOf(server, mail);
            Assert.Equal(uids[mail.To], part.Uid);
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>The focal point of every invited ministry, the donor and the proposer are told once each.</summary>
    private async Task Told(string id, NotificationKind kind, int count)
    {
        var mails = await WaitForMails(server, id, kind, count);
        Assert.Equal(FocalPoints.Append(Donor).Append(Proposer).Order(StringComparer.Ordinal), mails.Select(m => m.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APublishedWorkshopIsPostponedTwiceThenCancelledAndEveryCalendarFollows()
    {
        var (id, participants) = await PublishAsync(server);

        // The approval workflow has ended; publication started the life after it (a workshop published before that
        // gets it at its first change).
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).RuntimeStatus == "Completed");
        Assert.NotNull(await server.Process.DurableClient.GetInstanceAsync($"{id}-event"));
        var confirmations = await WaitForMails(server, id, NotificationKind.ParticipantConfirmation, participants.Length);
        var uids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var confirmation in confirmations)
        {
            var invitation = await CalendarOf(server, confirmation);
            Assert.Equal(("REQUEST", "REQUEST", 0), (invitation.MimeMethod, invitation.Method, invitation.Sequence));
            uids[confirmation.To] = invitation.Uid;
        }

        // Bad input: the field is named, nothing changes.
        var historyBefore = (await server.StatusAsync(id)).History.Count;
        var bad = await Post(id, "postpone", new { startDate = "2027-04-08", endDate = "2027-04-07", reason = "Trainer ill" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Must be on or after startDate.", AppServer.Problem(await bad.Content.ReadAsStringAsync()).GetProperty("errors").GetProperty("endDate")[0].GetString(), StringComparison.Ordinal);
        var noReason = await Post(id, "postpone", new { startDate = "2027-04-06", endDate = "2027-04-07" });
        Assert.True(AppServer.Problem(await noReason.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(historyBefore, (await server.StatusAsync(id)).History.Count);
        Assert.Contains("Tue 2 March 2027", await Page(id), StringComparison.Ordinal);

        // First postponement: to Shanghai, 6–7 April.
        var first = await Post(id, "postpone", new { startDate = "2027-04-06", endDate = "2027-04-07", venue = "Shanghai", reason = "The trainer is ill." });
        Assert.True(first.StatusCode == HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        var moved = await Calendars(id, NotificationKind.ParticipantUpdate, participants, uids);
        Assert.All(moved, c => Assert.Equal(("REQUEST", "REQUEST", 1, new DateOnly(2027, 4, 6), "Shanghai"), (c.MimeMethod, c.Method, c.Sequence, c.Start, c.Location)));
        await Told(id, NotificationKind.PostponementNotice, FocalPoints.Length + 2);
        var page = await Page(id);
        Assert.Contains("id=\"postponed\"", page, StringComparison.Ordinal);
        Assert.Contains("已延期", page, StringComparison.Ordinal);
        Assert.Contains("postponed to Tue 6 April 2027", page, StringComparison.Ordinal);
        Assert.Contains("previously Tue 2 March 2027", page, StringComparison.Ordinal);
        var row = await Listed(id);
        Assert.Equal(("2027-04-06", "Shanghai", true), (row!.Value.GetProperty("startDate").GetString(), row.Value.GetProperty("venue").GetString(), row.Value.GetProperty("postponed").GetBoolean()));
        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.Published, status.Stage);
        Assert.Contains(status.History, h => h.Action == AuditActions.Postponed && h.Comment == "The trainer is ill.");

        // Second postponement: the same events move again, one SEQUENCE higher.
        var second = await Post(id, "postpone", new { startDate = "2027-05-11", endDate = "2027-05-12", reason = "The venue is booked.", postponedBy = "project.officer@iom.example.org" });
        Assert.True(second.StatusCode == HttpStatusCode.Accepted, await second.Content.ReadAsStringAsync());
        await Eventually.WaitFor(async () => (await server.MailsAsync(id)).Count(m => m.Kind == NotificationKind.ParticipantUpdate) >= 2 * participants.Length, seconds: 60);
        var latest = (await server.MailsAsync(id)).Where(m => m.Kind == NotificationKind.ParticipantUpdate).ToList();
        var sequences = new List<(int Sequence, DateOnly Start)>();
        foreach (var mail in latest)
        {
            var part = await CalendarOf(server, mail);
            sequences.Add((part.Sequence, part.Start));
        }

        Assert.Equal(participants.Length, sequences.Count(s => s == (2, new DateOnly(2027, 5, 11))));
        Assert.Contains("postponed to Tue 11 May 2027", await Page(id), StringComparison.Ordinal);

        // Cancellation: the same events are removed, one SEQUENCE higher still; the announcement stays, the list drops it.
        var cancel = await Post(id, "cancel", new { reason = "The ministry asked us to cancel." });
        Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        var removed = await Calendars(id, NotificationKind.ParticipantCancellation, participants, uids);
        Assert.All(removed, c => Assert.Equal(("CANCEL", "CANCEL", 3, "CANCELLED"), (c.MimeMethod, c.Method, c.Sequence, c.Status)));
        await Told(id, NotificationKind.CancellationNotice, FocalPoints.Length + 2);
        var cancelled = await server.WaitForStageAsync(id, Stage.Cancelled);
        Assert.Contains(cancelled.History, h => h.Action == AuditActions.Cancelled && h.Comment == "The ministry asked us to cancel.");
        page = await Page(id);
        Assert.Contains("id=\"cancelled\"", page, StringComparison.Ordinal);
        Assert.Contains("This workshop has been cancelled", page, StringComparison.Ordinal);
        Assert.Contains("本研讨会已取消", page, StringComparison.Ordinal);
        Assert.Null(await Listed(id));

        // Nothing more can change, and no mail went out twice.
        Assert.Equal(HttpStatusCode.Conflict, (await Post(id, "postpone", new { startDate = "2027-06-01", endDate = "2027-06-02", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(id, "cancel", new { reason = "again" })).StatusCode);
        await Task.Delay(1000);
        var all = await server.MailsAsync(id);
        Assert.DoesNotContain(all.GroupBy(m => m.NotificationId), g => g.Count() > 1);
        Assert.Equal(2 * (FocalPoints.Length + 2), all.Count(m => m.Kind == NotificationKind.PostponementNotice));
        Assert.Equal(participants.Length, all.Count(m => m.Kind == NotificationKind.ParticipantCancellation));
    }

    [Fact]
    public async Task OnlyAPublishedWorkshopCanBePostponed()
    {
        var (id, _) = await server.SubmitAsync();

        var early = await Post(id, "postpone", new { startDate = "2027-04-06", endDate = "2027-04-07", reason = "Trainer ill" });
        var unknown = await Post("ws-20270101-nosuchthing", "postpone", new { startDate = "2027-04-06", endDate = "2027-04-07", reason = "Trainer ill" });
        using var anonymous = new HttpClient { BaseAddress = server.Process.BaseAddress };
        var keyless = await anonymous.PostAsJsonAsync($"api/workshops/{id}/postpone", new { startDate = "2027-04-06", endDate = "2027-04-07", reason = "Trainer ill" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("only a published workshop can be postponed", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, keyless.StatusCode);
        Assert.Null(await server.Process.DurableClient.GetInstanceAsync($"{id}-event"));
    }
}
