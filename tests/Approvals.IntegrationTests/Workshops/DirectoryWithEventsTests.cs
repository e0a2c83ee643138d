using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>Reading the directory in an activity of its own costs the workflow two episodes each time (about ten
/// storage requests). The submission, the decision page and the slate page read it anyway, and the event that ends a
/// stage brings it along.</summary>
[Collection(SharedServer.Workshops)]
public sealed class DirectoryWithEventsTests(AppServer server)
{
    private static readonly string[] Ministries = ["MFA", "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "SAFEA", "NHFPC"];

    [Fact]
    public async Task AWorkshopTakenToTheDonorByItsPagesNeverReadsTheDirectoryInAStepOfItsOwn()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var decision = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, "project.manager@iom.example.org");
        using (var page = await server.Http.PostAsync($"api/decisions/{decision}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = "" })))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.Nominations, Pending.Count: 8 });
        foreach (var ministry in Ministries)
        {
            using var sent = await server.NominateOneAsync(id, ministry);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var status = await Eventually.Until(() => server.StatusAsync(id), s => s is { Stage: Stage.DonorSignOff, Pending.Count: 1 }, TimeSpan.FromSeconds(30));
        Assert.Equal("programme.manager@eeas.example.eu", status.Pending[0].Party);

        // Runs started before read it three times on this way: at the start, for the ministries and for the donor.
        Assert.Equal(0, await TaskHubHistory.CountAsync(server, id, "TaskScheduled", "LoadDirectory"));
        Assert.True(await TaskHubHistory.CountAsync(server, id, "TaskScheduled", "RecordStep") >= 10);
    }
}
