using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Proposals;
using Approvals.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Approvals.IntegrationTests.Storage;

/// <summary>A submission with an id of its own stores the workshop and starts its run without first looking whether
/// either exists: nobody else can have that id.</summary>
[Collection(SharedServer.Workshops)]
public sealed class ProposalIntakeRequestsTests(AppServer server)
{
    [Fact]
    public async Task ANewSubmissionReadsNoWorkshopAndItsRunStarts()
    {
        var counts = new StorageRequestCounts(enabled: true);
        var tables = TestAzurite.Tables(counts);
        var intake = new ProposalIntake(new WorkshopStore(tables, TimeProvider.System), new IdempotencyStore(tables), new DirectoryStore(tables, TimeProvider.System),
            Options.Create(new ApprovalsOptions()), TimeProvider.System, NullLogger<ProposalIntake>.Instance);
        var proposal = MailTestData.Proposal();

        var result = await intake.SubmitAsync(proposal, System.Text.Encoding.UTF8.GetBytes(Json.Store(proposal)), null, server.Process.DurableClient);

        // Before, it read the workshop twice (before and after storing it) and asked whether its run existed.
        Assert.Equal(0, counts.Snapshot().ByOperation.GetValueOrDefault("table/Workshops point read"));
        Assert.Equal(1, counts.Snapshot().ByOperation.GetValueOrDefault("table/Workshops write"));
        Assert.NotNull(await server.Process.DurableClient.GetInstanceAsync(result.WorkshopId!));
    }
}
