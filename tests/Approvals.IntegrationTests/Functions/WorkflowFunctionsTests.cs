using Approvals.Events;
using Approvals.Functions.Http;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Nominations;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The orchestrator and activity functions of the Functions app — registered through the function methods
/// themselves — run a workshop on the in-memory Durable Task host, with the activities' storage on Azurite.</summary>
[Collection(SharedServer.Workshops)]
public sealed class WorkflowFunctionsTests : IAsyncLifetime
{
    readonly FunctionsHost functions = new();
    DurableTaskTestHost durable = null!;

    public async Task InitializeAsync()
    {
        await functions.InitializeAsync();
        durable = await InMemoryDurable.StartAsync(registry => DurableFunctions.Register(registry, functions, () => durable.Client));
    }

    public async Task DisposeAsync()
    {
        await durable.DisposeAsync();
        await functions.DisposeAsync();
    }

    [Fact]
    public void EveryOrchestratorAndActivityFunctionIsRegistered()
    {
        Assert.Equal([nameof(WorkshopEvent), nameof(WorkshopOrchestration)], DurableFunctions.WithTrigger<OrchestrationTriggerAttribute>().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(11, DurableFunctions.WithTrigger<ActivityTriggerAttribute>().Count());
    }

    [Fact]
    public async Task TheOrchestratorAndActivityFunctionsCarryAWorkshopToPublished()
    {
        var id = await PublishThroughTheFunctions();

        // PublishAnnouncement wrote the public announcement; the record and the slates read back from storage.
        var published = await StageAsync(id, Stage.Published);
        Assert.Empty(published.Pending);
        var announcement = await functions.Services.GetRequiredService<AnnouncementStore>().GetAsync(id);
        Assert.NotNull(announcement);
        Assert.Equal(("MFA", 2), (announcement.Ministries.Single().Code, announcement.Participants));
        var slates = await functions.Services.GetRequiredService<NominationStore>().ListAsync(id);
        Assert.Equal(8, slates.Count);
    }

    [Fact]
    public async Task ThePostponeFunctionStartsTheLifeAfterPublicationWhoseFunctionsMoveTheAnnouncement()
    {
        var id = await PublishThroughTheFunctions();

        var postpone = FunctionHttp.Json(functions.Services, HttpMethods.Post, $"/api/workshops/{id}/postpone",
            """{"startDate":"2027-04-06","endDate":"2027-04-07","venue":"Shanghai","reason":"The trainer is ill."}""");
        var postponed = await FunctionHttp.RespondAsync(postpone, functions.Create<AfterPublicationFunctions>().PostponeWorkshop(postpone.Request, id, durable.Client));

        Assert.True(postponed.Status == StatusCodes.Status202Accepted, postponed.ToString());
        var announcements = functions.Services.GetRequiredService<AnnouncementStore>();
        await Eventually.WaitFor(async () => (await announcements.GetAsync(id))?.Postponed is not null, seconds: 20);
        var announcement = (await announcements.GetAsync(id))!;
        Assert.Equal((new DateOnly(2027, 4, 6), "Shanghai", 1), (announcement.StartDate, announcement.Venue, announcement.Postponed!.Times));
        var record = await StageAsync(id, Stage.Published, w => w.Proposal.StartDate == new DateOnly(2027, 4, 6));
        Assert.Equal("Shanghai", record.Proposal.Venue);
    }

    async Task<string> PublishThroughTheFunctions()
    {
        var submit = FunctionHttp.Json(functions.Services, HttpMethods.Post, "/api/workshops", AppServer.ReferenceProposal().ToJsonString());
        var submitted = await FunctionHttp.RespondAsync(submit, functions.Create<WorkshopFunctions>().SubmitWorkshop(submit.Request, durable.Client));
        Assert.True(submitted.Status == StatusCodes.Status202Accepted, submitted.ToString());
        var id = submitted.Json.GetProperty("id").GetString()!;

        // LoadDirectory read the seeded directory from Table storage, RecordStep wrote the stage and who is asked.
        var review = await StageAsync(id, Stage.InternalReview, w => w.Pending.Count > 0);
        Assert.Equal("project.manager@iom.example.org", review.Pending.Single().Party);

        await Decide(id, Stage.InternalReview, "project.manager@iom.example.org");
        var nominations = await StageAsync(id, Stage.Nominations);
        Assert.Equal(8, nominations.Pending.Count);

        // RecordStep stores each accepted slate with its step; one ministry nominates, the others decline.
        foreach (var invitation in AppServer.ReferenceProposal()["invitations"]!.AsArray())
        {
            var ministry = invitation!["ministry"]!.GetValue<string>();
            var nominees = ministry == "MFA"
                ? [new Nominee("Li Wei", "李伟", "Director", Sex.Female, "li.wei@gov.example.cn"), new Nominee("Wang Fang", null, "Deputy Director", Sex.Male, "wang.fang@gov.example.cn")]
                : new List<Nominee>();
            var slate = new Slate(ministry, nominees, nominees.Count == 0, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", DateTimeOffset.UtcNow);
            await durable.Client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(slate, null));
        }

        await StageAsync(id, Stage.DonorSignOff);
        await Decide(id, Stage.DonorSignOff, "programme.manager@eeas.example.eu");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Stage.Published, done.ReadOutputAs<WorkshopOutcome>()!.Stage);
        return id;
    }

    Task Decide(string id, Stage stage, string approver) =>
        durable.Client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(stage, 0, approver, Decision.Approve, null, null, DateTimeOffset.UtcNow));

    async Task<WorkshopRecord> StageAsync(string id, Stage stage, Func<WorkshopRecord, bool>? also = null)
    {
        var workshops = functions.Services.GetRequiredService<WorkshopStore>();
        WorkshopRecord? last = null;
        try
        {
            await Eventually.WaitFor(async () => (last = await workshops.GetAsync(id)) is { } w && w.Stage == stage && (also?.Invoke(w) ?? true), seconds: 20);
        }
        catch (TimeoutException)
        {
            var instance = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            throw new TimeoutException($"{id} did not reach {stage}; the record is at {last?.Stage}, the orchestration {instance?.RuntimeStatus}: " +
                $"{instance?.FailureDetails?.ErrorType} {instance?.FailureDetails?.ErrorMessage} {instance?.FailureDetails?.StackTrace}");
        }

        return last!;
    }
}
