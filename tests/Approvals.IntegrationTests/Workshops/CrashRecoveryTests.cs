using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Workshops;

[Collection(nameof(OwnServers))]
public sealed class CrashRecoveryTests(OwnAzurite azurite)
{
    [Fact]
    public async Task KillingTheServerMidWorkflowLosesNothingAndTheWorkflowContinuesAfterRestart()
    {
        var server = new AppServer([], azurite.ConnectionString);
        await server.InitializeAsync();
        try
        {
            var (id, _) = await server.SubmitAsync();
            var client = server.Process.DurableClient;
            await client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
                new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
            await server.WaitForStageAsync(id, Stage.Nominations);
            await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(
                new Slate("MFA", [new Nominee("Tian Lin", "田林", "Counsellor", Sex.Male, "tian.lin@mfa.example.cn")], false, "focal.mfa@gov.example.cn", DateTimeOffset.UtcNow), null));

            server.Process.Kill();
            await server.Process.StartAsync();

            foreach (var ministry in new[] { "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "SAFEA", "NHFPC" })
            {
                await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(new Slate(ministry, [], true, $"focal@{ministry}", DateTimeOffset.UtcNow), null));
            }

            var donor = await server.WaitForStageAsync(id, Stage.DonorSignOff, seconds: 120);
            Assert.Equal(1, donor.Nominations.Total);
            Assert.Equal(1, donor.Nominations.ByMinistry["MFA"]);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
