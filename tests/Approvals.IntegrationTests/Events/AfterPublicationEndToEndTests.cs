using System.Net;
using System.Net.Http.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Participants;
using Approvals.IntegrationTests.Reports;
using Approvals.Notifications;
using Approvals.Participants;
using Approvals.Reports;
using Approvals.Workflow;
using static Approvals.IntegrationTests.Events.PublishedWorkshop;

namespace Approvals.IntegrationTests.Events;

/// <summary>The life after publication from end to end, as staff, focal points and participants live it — through
/// HTTP, mails and links only, except the one step that stands for the calendar (<see cref="HeldWorkshop.OverAsync"/>):
/// the workshop is postponed, MFA replaces its participant, Zhao Min cannot come and SAFEA replaces her, the others
/// answer, staff record who came, and the donor's two reports add up. Every calendar change is read from the raw mails.</summary>
[Collection(SharedServer.AfterPublication)]
public sealed class AfterPublicationEndToEndTests(AppServer server)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static string OnServer(string link) => new Uri(link).PathAndQuery.TrimStart('/');

    [Fact]
    public async Task PostponedSubstitutedDeclinedReplacedAttendedAndReported()
    {
        var (id, participants) = await PublishAsync(server);
        var (liWei, zhaoMin, sunLi) = (participants[0], participants[1], participants[2]);
        using var browser = new HttpClient { BaseAddress = server.Process.BaseAddress };
        var confirmations = await WaitForMails(server, id, NotificationKind.ParticipantConfirmation, 3);
        foreach (var mail in confirmations)
        {
            var invitation = await CalendarOf(server, mail);
            Assert.Equal(("REQUEST", CalendarInvitation.Uid(id, mail.To), 0), (invitation.Method, invitation.Uid, invitation.Sequence));
        }

        // Staff postpone it: every participant's event moves in place (same UID, SEQUENCE 1).
        var postponed = await server.Http.PostAsJsonAsync($"api/workshops/{id}/postpone", new { startDate = "2027-04-06", endDate = "2027-04-07", venue = "Shanghai", reason = "The trainer is ill." });
        Assert.True(postponed.StatusCode == HttpStatusCode.Accepted, await postponed.Content.ReadAsStringAsync());
        foreach (var mail in await WaitForMails(server, id, NotificationKind.ParticipantUpdate, 3))
        {
            var moved = await CalendarOf(server, mail);
            Assert.Equal(("REQUEST", CalendarInvitation.Uid(id, mail.To), 1, new DateOnly(2027, 4, 6), "Shanghai"), (moved.Method, moved.Uid, moved.Sequence, moved.Start, moved.Location));
        }

        // MFA's focal point replaces Li Wei from the list their publication mail links to.
        var mfaList = OnServer((await WaitForMails(server, id, NotificationKind.ParticipantsListed, 2)).Single(m => m.To == "focal.mfa@gov.example.cn").Link!);
        var chenJie = $"chen.jie.{id}@mfa.example.cn";
        var substituted = await browser.PostAsync(mfaList, Form(("participant", Participant.IdOf(id, liWei)), ("action", "replace"),
            ("name", "Chen Jie"), ("nameZh", "陈杰"), ("position", "Counsellor"), ("sex", "male"), ("email", chenJie)));
        Assert.True(substituted.StatusCode == HttpStatusCode.OK, await substituted.Content.ReadAsStringAsync());

        // Zhao Min cannot come; SAFEA's focal point is told and replaces her by Wang Fang.
        var declined = await browser.PostAsync(OnServer(confirmations.Single(m => m.To == zhaoMin).Link!), Form(("answer", "declined"), ("reason", "On mission abroad")));
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var notice = Assert.Single(await WaitForMails(server, id, NotificationKind.ParticipantDeclined, 1));
        var wangFang = $"wang.fang.{id}@safea.example.cn";
        var replaced = await browser.PostAsync(OnServer(notice.Link!), Form(("participant", Participant.IdOf(id, zhaoMin)), ("action", "replace"),
            ("name", "Wang Fang"), ("nameZh", "王芳"), ("position", "Deputy Director"), ("sex", "female"), ("email", wangFang)));
        Assert.True(replaced.StatusCode == HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());

        // The two who left: their own event cancelled; the two who came in: an invitation at the current SEQUENCE and dates.
        foreach (var mail in await WaitForMails(server, id, NotificationKind.ParticipantWithdrawn, 2))
        {
            var cancel = await CalendarOf(server, mail);
            Assert.Equal(("CANCEL", CalendarInvitation.Uid(id, mail.To), "CANCELLED"), (cancel.Method, cancel.Uid, cancel.Status));
            Assert.True(cancel.Sequence >= 1, $"a cancellation after the postponement carries SEQUENCE {cancel.Sequence}");
        }

        var newcomers = (await WaitForMails(server, id, NotificationKind.ParticipantConfirmation, 5)).Where(m => m.To == chenJie || m.To == wangFang).ToList();
        Assert.Equal(2, newcomers.Count);
        foreach (var mail in newcomers)
        {
            var invitation = await CalendarOf(server, mail);
            Assert.Equal(("REQUEST", CalendarInvitation.Uid(id, mail.To), 1, new DateOnly(2027, 4, 6)), (invitation.Method, invitation.Uid, invitation.Sequence, invitation.Start));
        }

        // Chen Jie and Sun Li will attend; Wang Fang does not answer.
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(OnServer(newcomers.Single(m => m.To == chenJie).Link!), Form(("answer", "attending")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(OnServer(confirmations.Single(m => m.To == sunLi).Link!), Form(("answer", "attending")))).StatusCode);

        // The workshop's days pass; staff record that Chen Jie and Wang Fang came (Sun Li did not, after all).
        var day = HeldWorkshop.PastDay();
        await HeldWorkshop.OverAsync(id, day);
        var recorded = await HeldWorkshop.RecordAsync(server, id, new[] { chenJie, wangFang.ToUpperInvariant() });
        HeldWorkshop.IsOk(recorded, await recorded.Content.ReadAsStringAsync());
        var status = await server.StatusAsync(id);
        Assert.Equal(Stage.Held, status.Stage);
        Assert.Contains(status.History, h => h.Action == AuditActions.Postponed);
        Assert.Equal(2, status.History.Count(h => h.Action == "ParticipantReplaced"));

        // The donor's report of this workshop: who was invited, who confirmed, who came, who replaced whom.
        var rows = await ReportFiles.CsvAsync(server.Http, $"api/workshops/{id}/participants.csv", WorkshopReport.ParticipantsHeader);
        string Row(string email, string column) => rows.Single(r => r["Email"] == email)[column];
        Assert.Equal(5, rows.Count);
        Assert.Equal(("no", "no", ""), (Row(liWei, "Invited"), Row(liWei, "Confirmed"), Row(liWei, "Attended")));
        Assert.Equal(("yes", "yes", "yes"), (Row(chenJie, "Invited"), Row(chenJie, "Confirmed"), Row(chenJie, "Attended")));
        Assert.Equal(("yes", "no", "yes"), (Row(wangFang, "Invited"), Row(wangFang, "Confirmed"), Row(wangFang, "Attended")));
        Assert.Equal(("yes", "yes", "no"), (Row(sunLi, "Invited"), Row(sunLi, "Confirmed"), Row(sunLi, "Attended")));
        Assert.Equal(($"Chen Jie <{chenJie}>", $"Li Wei <{liWei}>"), (Row(liWei, "Replaced by"), Row(chenJie, "Replaces")));
        Assert.Equal(($"Wang Fang <{wangFang}>", $"Zhao Min <{zhaoMin}>"), (Row(zhaoMin, "Replaced by"), Row(wangFang, "Replaces")));

        var summary = await ReportFiles.CsvAsync(server.Http, $"api/workshops/{id}/participants.csv?summary=true", WorkshopReport.SummaryHeader);
        Assert.Equal(("3", "2", "2"), (summary[^1]["Invited"], summary[^1]["Confirmed"], summary[^1]["Attended"]));
        var workbook = await ReportFiles.XlsxAsync(server.Http, $"api/workshops/{id}/participants.xlsx");
        Assert.Equal(summary.Select(r => (r["Ministry"], r["Sex"], r["Invited"], r["Confirmed"], r["Attended"])),
            workbook[1].Rows.Select(r => (r["Ministry"], r["Sex"], r["Invited"], r["Confirmed"], r["Attended"])));

        // Across workshops, for the period of that day: officials reached and trained by institution and sex.
        var officials = await ReportFiles.CsvAsync(server.Http, $"api/reports/participants?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", ProgrammeReport.OfficialsHeader);
        (string, string) Officials(string institution, string sex) =>
            officials.Where(r => r["Institution"] == institution && r["Sex"] == sex).Select(r => (r["Officials reached"], r["Officials trained"])).Single();
        Assert.Equal(("1", "1"), Officials("MFA", "Male"));
        Assert.Equal(("2", "1"), Officials("SAFEA", "Female"));
        Assert.Equal(("3", "2"), Officials("Total", "Total"));
        var period = await ReportFiles.XlsxAsync(server.Http, $"api/reports/participants?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&format=xlsx");
        Assert.Equal((id, "Held", "3", "2"), period[1].Rows.Select(r => (r["Workshop"], r["Stage"], r["Invited"], r["Attended"])).Single());
    }
}
