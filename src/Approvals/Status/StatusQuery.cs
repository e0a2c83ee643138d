using Approvals.Events;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;

namespace Approvals.Status;

/// <summary>Builds a workshop's status from its snapshot, nominations, audit log and the orchestration's runtime status.</summary>
public sealed class StatusQuery(WorkshopStore workshops, NominationStore nominations, ParticipantStore roster, AnnouncementStore announcements, AuditLog audit, TimeProvider time)
{
    public async Task<WorkshopStatus?> GetAsync(string id, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var workshop = await workshops.GetAsync(id);
        if (workshop is null) return null;
        var slatesTask = nominations.ListAsync(id);
        var historyTask = audit.ListAsync(id);
        var instanceTask = client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var eventTask = workshop.Stage is Stage.Published ? client.GetInstanceAsync(AfterPublicationApi.InstanceOf(id), getInputsAndOutputs: true) : Task.FromResult<OrchestrationMetadata?>(null);
        await Task.WhenAll(slatesTask, historyTask, instanceTask, eventTask);
        var published = await WasPublishedAsync(workshop);
        var people = published ? await roster.ListAsync(id) : [];
        var now = time.GetUtcNow();
        return new WorkshopStatus(
            workshop.Id,
            workshop.Title,
            workshop.Stage,
            workshop.Round,
            RuntimeOf(instanceTask.Result, workshop.Stage),
            workshop.SubmittedAt,
            workshop.UpdatedAt,
            workshop.Pending.Select(p => new PendingView(p.Role.ToString(), p.Party, p.DueAt, p.DueAt < now)).ToList(),
            Count(slatesTask.Result),
            historyTask.Result.Select(h => new HistoryLine(h.At, h.Stage, h.Action, h.Actor, h.Comment)).ToList(),
            (StuckOf(instanceTask.Result) ?? StuckOf(eventTask.Result)) is { } stuck ? new StuckView(stuck.Step, stuck.Reason, stuck.Since) : null)
        {
            Participants = published ? Answers(people) : null,
            Attendance = workshop.Stage == Stage.Held ? AttendanceCounts.Of(people) : null,
        };
    }

    /// <summary>Whether the workshop has a roster: it was published (a cancelled one only if cancelled after that).</summary>
    private async Task<bool> WasPublishedAsync(WorkshopRecord workshop) =>
        workshop.Stage is not (Stage.InternalReview or Stage.ChangesRequested or Stage.Nominations or Stage.DonorSignOff or Stage.Rejected or Stage.Expired)
        && (workshop.Stage is Stage.Published or Stage.Held || await announcements.GetAsync(workshop.Id) is not null);

    /// <summary>Answers of the participants still invited; a withdrawn one counts nowhere (their substitute does).</summary>
    public static ParticipantCounts Answers(IEnumerable<Participant> roster) => new(roster
        .Where(p => p.IsInvited)
        .GroupBy(p => p.Ministry, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => new AnswerCounts(g.Count(), g.Count(p => p.Answer == ParticipantAnswer.Attending),
            g.Count(p => p.Answer == ParticipantAnswer.Declined), g.Count(p => p.Answer == ParticipantAnswer.None)), StringComparer.Ordinal));

    /// <summary>The workflow's runtime status; a finished workshop without one had its Durable history purged
    /// (Approvals:PurgeAfter), while one in progress without one has not started yet.</summary>
    public static string RuntimeOf(OrchestrationMetadata? instance, Stage stage) =>
        instance?.RuntimeStatus.ToString() ?? (stage.IsTerminal() ? Purged : "NotStarted");

    public const string Purged = "Purged";

    /// <summary>The step a running workshop is stuck on, from the orchestration's custom status: the workflow sets it
    /// without our tables, so it shows even when the failure is in them.</summary>
    public static StuckStep? StuckOf(OrchestrationMetadata? instance) =>
        instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended, SerializedCustomStatus: { Length: > 0 } }
            ? instance.ReadCustomStatusAs<WorkflowStatus>()?.Stuck
            : null;

    /// <summary>The stuck step of a workshop and the run it is in: the approval workflow, or its life after publication.</summary>
    public static async Task<(string Instance, StuckStep Stuck)?> FindStuckAsync(DurableTaskClient client, string id, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var instance in new[] { id, AfterPublicationApi.InstanceOf(id) })
        {
            if (await client.GetInstanceAsync(instance, getInputsAndOutputs: true, cancellation) is { } run && StuckOf(run) is { } stuck) return (instance, stuck);
        }

        return null;
    }

    public static NominationCounts Count(IEnumerable<Slate> slates)
    {
        var list = slates.Where(s => !s.Declined).ToList();
        var bySex = Enum.GetValues<Sex>().ToDictionary(
            s => s.ToString().ToLowerInvariant(),
            s => list.Sum(slate => slate.Nominees.Count(n => n.Sex == s)),
            StringComparer.Ordinal);
        return new NominationCounts(
            list.Sum(s => s.Nominees.Count),
            list.OrderBy(s => s.Ministry, StringComparer.Ordinal).ToDictionary(s => s.Ministry, s => s.Nominees.Count, StringComparer.Ordinal),
            bySex);
    }
}
