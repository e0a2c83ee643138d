using System.Net;
using System.Net.Http.Json;
using Approvals.IntegrationTests.Events;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Participants;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Participants;

/// <summary>A published workshop whose days have passed. Nothing over HTTP can date a workshop in the past (proposals
/// and postponements start today at the earliest, and a day in China ends at 16:00 UTC), so the one step here that is
/// not HTTP stands for the calendar: the stored snapshot's dates are moved to <see cref="PastDay"/>, as the clock would
/// have made them past. Everything the tests then check goes through HTTP.</summary>
internal static class HeldWorkshop
{
    /// <summary>A day no other test's workshop takes place on, so a report over it holds these workshops only.</summary>
    public static DateOnly PastDay() => new DateOnly(2001, 1, 1).AddDays(Random.Shared.Next(0, 7000));

    public static async Task<(string Id, Participant[] Roster)> PublishedAndOverAsync(AppServer server, DateOnly day)
    {
        var (id, _) = await PublishedWorkshop.PublishAsync(server);
        await OverAsync(id, day);
        return (id, (await RosterAsync(id)).ToArray());
    }

    /// <summary>The calendar's step: the stored dates of a published workshop moved to <paramref name="day"/>, in the past.</summary>
    public static async Task OverAsync(string id, DateOnly day)
    {
        await using var services = LibraryServices.Build();
        var workshops = services.GetRequiredService<WorkshopStore>();
        var stored = (await workshops.GetAsync(id))!;
        var entry = new AuditEntry(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, Stage.Published, AuditActions.Postponed, "test clock");
        await workshops.ApplyAsync(new ProgressUpdate(id, Stage.Published, stored.Round, entry, [], stored.Proposal with { StartDate = day, EndDate = day })
        {
            Sequence = 9_000_000,
            Previous = Stage.Published,
        });
    }

    public static Task<HttpResponseMessage> RecordAsync(AppServer server, string id, object body) =>
        server.Http.PutAsJsonAsync($"api/workshops/{id}/attendance", body);

    public static async Task<IReadOnlyList<Participant>> RosterAsync(string id)
    {
        await using var services = LibraryServices.Build();
        return await services.GetRequiredService<ParticipantStore>().ListAsync(id);
    }

    /// <summary>Takes a participant off the list as their ministry's substitution does.</summary>
    public static async Task WithdrawAsync(string id, Participant p)
    {
        await using var services = LibraryServices.Build();
        await services.GetRequiredService<ParticipantStore>().SaveAsync(id, [p with { Status = ParticipantStatus.Withdrawn, WithdrawnAt = DateTimeOffset.UtcNow }]);
    }

    public static async Task ConfirmAsync(string id, Participant p)
    {
        await using var services = LibraryServices.Build();
        await services.GetRequiredService<ParticipantStore>().SaveAsync(id, [p with { Answer = ParticipantAnswer.Attending, AnsweredAt = DateTimeOffset.UtcNow }]);
    }

    public static void IsOk(HttpResponseMessage response, string body) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
}
