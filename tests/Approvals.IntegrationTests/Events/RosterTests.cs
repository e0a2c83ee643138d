using Approvals.IntegrationTests.Infrastructure;
using Approvals.Participants;
using Approvals.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Events;

/// <summary>The roster a published workshop's life after publication works on: publication writes it from the slates,
/// and a workshop published before it existed gets the same roster from its slates when first read.</summary>
[Collection(SharedServer.AfterPublication)]
public sealed class RosterTests(AppServer server)
{
    [Fact]
    public async Task PublicationWritesEveryNomineeOnceAndAnOldWorkshopGetsTheSameRosterFromItsSlates()
    {
        var (id, participants) = await PublishedWorkshop.PublishAsync(server);
        await using var services = LibraryServices.Build();
        var roster = services.GetRequiredService<ParticipantStore>();

        var written = await roster.ListAsync(id);
        Assert.Equal(participants.Order(), written.Select(p => p.Person.Email).Order());
        Assert.All(written, p => Assert.Equal((ParticipantStatus.Invited, ParticipantAnswer.None, (bool?)null), (p.Status, p.Answer, p.Attended)));
        Assert.Equal(["MFA", "SAFEA", "SAFEA"], written.Select(p => p.Ministry));
        Assert.Equal("李伟", written[0].Person.NameZh);

        // As a workshop published before rosters: no rows at all.
        var table = await services.GetRequiredService<Tables>().GetAsync(StorageNames.Participants);
        foreach (var p in written) await table.DeleteEntityAsync(id, p.Id);
        var seeded = await roster.ListAsync(id);
        Assert.Equal(written.Select(p => (p.Id, p.Ministry, p.Person)), seeded.Select(p => (p.Id, p.Ministry, p.Person)));

        // A change survives a second seeding (a retried publication).
        await roster.SaveAsync(id, [seeded[0] with { Answer = ParticipantAnswer.Declined, AnswerReason = "出差" }]);
        await roster.SeedAsync(id, await services.GetRequiredService<NominationStore>().ListAsync(id), DateTimeOffset.UtcNow);
        var again = await roster.GetAsync(id, seeded[0].Id);
        Assert.Equal((ParticipantAnswer.Declined, "出差"), (again!.Answer, again.AnswerReason));
        Assert.Null(await roster.GetAsync(id, "no such person"));
    }
}
