using System.Collections.Concurrent;
using Approvals.Events;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Testing;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Approvals.Tests.Participants;

/// <summary>The life after publication as the roster's one writer, on the in-memory Durable Task host with its
/// activities replaced by recorders: it takes answers and substitutions until the cutoff, and refuses them after.</summary>
public sealed class RosterRunTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<SubstitutionChange> substitutions = new();
    private readonly ConcurrentQueue<AnswerChange> answers = new();
    private DurableTaskTestHost host = null!;

    public async Task InitializeAsync() => host = await InMemoryDurable.StartAsync(registry =>
    {
        registry.AddOrchestrator<WorkshopEvent>();
        registry.AddActivityFunc<ProgressUpdate, bool>(nameof(RecordProgress), (_, _) => true);
        registry.AddActivityFunc<EventChange, int>(nameof(AnnounceChange), (_, _) => 1);
        registry.AddActivityFunc<AnswerReminder, int>(nameof(RemindParticipants), (_, _) => 0);
        registry.AddActivityFunc<AnswerChange, RosterOutcome>(nameof(RecordAnswer), (_, a) =>
        {
            answers.Enqueue(a);
            return new RosterOutcome(true);
        });
        registry.AddActivityFunc<SubstitutionChange, RosterOutcome>(nameof(ApplySubstitution), (_, s) =>
        {
            substitutions.Enqueue(s);
            return s.Request.Substitute?.Email == "taken@example.cn" ? new RosterOutcome(false, "taken@example.cn is already on this workshop's list.") : new RosterOutcome(true);
        });
    });

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    private async Task<string> StartAsync(DateOnly start)
    {
        var id = $"ws-{Guid.NewGuid():N}"[..20];
        var proposal = Builders.Proposal() with { StartDate = start, EndDate = start.AddDays(1) };
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WorkshopEvent),
            EventRunStart.InputOf(id, proposal, 0, new Timing { ActivityRetryInterval = TimeSpan.FromMilliseconds(50) }), new StartOrchestrationOptions($"{id}-event"));
        return id;
    }

    private async Task<WorkflowAnswer> Substitute(string id, string email)
    {
        var receipt = Guid.NewGuid().ToString("N");
        var request = new SubstitutionRequested("SAFEA", "p1", new Nominee("Wang Fang", null, "Director", Sex.Female, email), DateTimeOffset.UtcNow, receipt,
            new LinkVisit("focal.safea@gov.example.cn", null, null, null));
        await host.Client.RaiseEventAsync($"{id}-event", WorkflowEvents.SubstitutionRequested, request);
        return await host.Client.AnswerToAsync($"{id}-event", receipt, s => s.Stage == Stage.Published);
    }

    [Fact]
    public async Task BeforeTheCutoffTheRunTakesAnswersAndSubstitutionsAndSaysWhyItRefusesOne()
    {
        var id = await StartAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));

        Assert.Equal(Hearing.Used, (await Substitute(id, "wang.fang@example.cn")).Hearing);
        var refused = await Substitute(id, "taken@example.cn");
        Assert.Equal((Hearing.Refused, "taken@example.cn is already on this workshop's list."), (refused.Hearing, refused.Why));

        var receipt = Guid.NewGuid().ToString("N");
        await host.Client.RaiseEventAsync($"{id}-event", WorkflowEvents.ParticipantAnswered,
            new ParticipantAnswered("p2", ParticipantAnswer.Declined, "Ill", DateTimeOffset.UtcNow, receipt, new LinkVisit("p2@example.cn", null, null, null)));
        Assert.Equal(Hearing.Used, (await host.Client.AnswerToAsync($"{id}-event", receipt, s => s.Stage == Stage.Published)).Hearing);

        // The decline's notice offers the list link until the cutoff, three days before the first day.
        var answer = Assert.Single(answers);
        Assert.NotNull(answer.SubstitutionsUntil);
        Assert.Equal(2, substitutions.Count);
    }

    [Fact]
    public async Task AfterTheCutoffASubstitutionIsRefusedWithoutTouchingTheRoster()
    {
        var id = await StartAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2));

        var refused = await Substitute(id, "wang.fang@example.cn");

        Assert.Equal(Hearing.Refused, refused.Hearing);
        Assert.Contains("closed", refused.Why, StringComparison.Ordinal);
        Assert.Empty(substitutions);
    }
}
