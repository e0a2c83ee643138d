using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Notifications;
using Approvals.Participants;
using Microsoft.DurableTask.Client;
using static Approvals.IntegrationTests.Events.PublishedWorkshop;

namespace Approvals.IntegrationTests.Events;

/// <summary>After publication, through mails and links only: a participant says they cannot attend, their focal point is
/// told and replaces them on the ministry's list; the calendars follow (a cancellation for the withdrawn one's own event,
/// an invitation for the substitute) and the status counts the answers. Opening a link, or sending its form empty,
/// changes nothing.</summary>
[Collection(SharedServer.AfterPublication)]
public sealed class AnswersAndSubstitutionsTests(AppServer server)
{
    private const string SafeaFocalPoint = "focal.safea@gov.example.cn";

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>A link as a person (or a scanner) follows it: no key.</summary>
    private static HttpClient Anonymous(AppServer server) => new() { BaseAddress = server.Process.BaseAddress };

    /// <summary>A mail's link on this server (mails point at the public base URL).</summary>
    private static string OnServer(string link) => new Uri(link).PathAndQuery.TrimStart('/');

    private async Task<JsonElement> Counts(string id, string ministry)
    {
        var status = await server.Http.GetFromJsonAsync<JsonElement>($"api/workshops/{id}");
        return status.GetProperty("participants").GetProperty("byMinistry").GetProperty(ministry);
    }

    private static (int Invited, int Confirmed, int Declined, int NoAnswer) Read(JsonElement c) =>
        (c.GetProperty("invited").GetInt32(), c.GetProperty("confirmed").GetInt32(), c.GetProperty("declined").GetInt32(), c.GetProperty("noAnswer").GetInt32());

    [Fact]
    public async Task AParticipantDeclinesTheirFocalPointReplacesThemAndTheCalendarsFollow()
    {
        var (id, participants) = await PublishAsync(server);
        var (liWei, zhaoMin, sunLi) = (participants[0], participants[1], participants[2]);
        using var browser = Anonymous(server);

        // The life after publication runs from publication on, so the reminder a week before has its timer.
        await Eventually.WaitFor(async () => await server.Process.DurableClient.GetInstanceAsync($"{id}-event") is { RuntimeStatus: OrchestrationRuntimeStatus.Running });
        var confirmations = await WaitForMails(server, id, NotificationKind.ParticipantConfirmation, participants.Length);
        var zhaoConfirmation = confirmations.Single(m => m.To == zhaoMin);
        var zhaoUid = (await CalendarOf(server, zhaoConfirmation)).Uid;
        var zhaoAnswer = OnServer(zhaoConfirmation.Link!);
        Assert.StartsWith("api/answers/", zhaoAnswer, StringComparison.Ordinal);

        // Before anyone answers: everyone is silent. A scanner opens the link and sends its form as it is: nothing changes.
        Assert.Equal((2, 0, 0, 2), Read(await Counts(id, "SAFEA")));
        var page = await browser.GetAsync(zhaoAnswer);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Will you attend?", html, StringComparison.Ordinal);
        Assert.Contains("您是否参加", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(zhaoAnswer, Form())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(zhaoAnswer, Form(("reason", "")))).StatusCode);
        Assert.Equal((2, 0, 0, 2), Read(await Counts(id, "SAFEA")));

        // Li Wei will attend; Zhao Min cannot.
        var liAnswer = OnServer(confirmations.Single(m => m.To == liWei).Link!);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(liAnswer, Form(("answer", "attending")))).StatusCode);
        var declined = await browser.PostAsync(zhaoAnswer, Form(("answer", "declined"), ("reason", "出差 — on mission abroad")));
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("focal point has been told", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((1, 1, 0, 0), Read(await Counts(id, "MFA")));
        Assert.Equal((2, 0, 1, 1), Read(await Counts(id, "SAFEA")));

        // SAFEA's focal point had the list link at publication, and now the notice with the same link.
        var listed = await WaitForMails(server, id, NotificationKind.ParticipantsListed, 2);
        Assert.Equal(["focal.mfa@gov.example.cn", SafeaFocalPoint], listed.Select(m => m.To).Order(StringComparer.Ordinal));
        var notice = Assert.Single(await WaitForMails(server, id, NotificationKind.ParticipantDeclined, 1));
        Assert.Equal(SafeaFocalPoint, notice.To);
        Assert.Contains("Zhao Min", notice.Text, StringComparison.Ordinal);
        Assert.Contains("出差 — on mission abroad", notice.Text, StringComparison.Ordinal);
        var list = OnServer(notice.Link!);
        Assert.StartsWith("api/substitutions/", list, StringComparison.Ordinal);

        // The list page shows SAFEA's two and nobody else's; sending it empty changes nothing.
        var listHtml = await (await browser.GetAsync(list)).Content.ReadAsStringAsync();
        Assert.Contains("Zhao Min", listHtml, StringComparison.Ordinal);
        Assert.Contains("Sun Li", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Li Wei", listHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(list, Form())).StatusCode);
        var zhaoId = Participant.IdOf(id, zhaoMin);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(list, Form(("participant", zhaoId), ("sex", "female")))).StatusCode);

        // Someone already on the list cannot be the substitute.
        var duplicate = await browser.PostAsync(list, Form(("participant", zhaoId), ("action", "replace"), ("name", "Sun Li"), ("position", "Director"), ("sex", "female"), ("email", sunLi)));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already on this workshop", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((2, 0, 1, 1), Read(await Counts(id, "SAFEA")));

        var substitute = $"wang.fang.{id}@safea.example.cn";
        var replaced = await browser.PostAsync(list, Form(("participant", zhaoId), ("action", "replace"),
            ("name", "Wang Fang"), ("nameZh", "王芳"), ("position", "Deputy Director"), ("sex", "female"), ("email", substitute)));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Contains("Wang Fang is on the list", await replaced.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The withdrawn one's calendar removes her own event; the substitute's adds his, at the current SEQUENCE.
        var withdrawn = Assert.Single(await WaitForMails(server, id, NotificationKind.ParticipantWithdrawn, 1));
        Assert.Equal(zhaoMin, withdrawn.To);
        var cancel = await CalendarOf(server, withdrawn);
        Assert.Equal(("CANCEL", "CANCEL", zhaoUid, 0, "CANCELLED"), (cancel.MimeMethod, cancel.Method, cancel.Uid, cancel.Sequence, cancel.Status));
        var invitation = (await WaitForMails(server, id, NotificationKind.ParticipantConfirmation, participants.Length + 1)).Single(m => m.To == substitute);
        var request = await CalendarOf(server, invitation);
        Assert.Equal(("REQUEST", "REQUEST", CalendarInvitation.Uid(id, substitute), 0), (request.MimeMethod, request.Method, request.Uid, request.Sequence));
        Assert.Contains("/api/answers/", invitation.Link, StringComparison.Ordinal);

        // The list counts the substitute, silent so far; the withdrawn one's link no longer answers anything.
        Assert.Equal((2, 0, 0, 2), Read(await Counts(id, "SAFEA")));
        Assert.Equal(HttpStatusCode.Gone, (await browser.PostAsync(zhaoAnswer, Form(("answer", "attending")))).StatusCode);
        Assert.Equal((2, 0, 0, 2), Read(await Counts(id, "SAFEA")));

        // Audited: who, when, what, through a link.
        var history = (await server.StatusAsync(id)).History;
        Assert.Contains(history, h => h.Action == "CannotAttend" && h.Actor == zhaoMin);
        Assert.Contains(history, h => h.Action == "WillAttend" && h.Actor == liWei);
        Assert.Contains(history, h => h.Action == "ParticipantReplaced" && h.Actor == SafeaFocalPoint && h.Comment!.Contains(substitute, StringComparison.Ordinal));
    }
}
