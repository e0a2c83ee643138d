using Approvals.Events;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Participants;

/// <summary>Why attendance was not recorded, for an API problem and for the staff page alike; nothing was changed.</summary>
public sealed record AttendanceRefusal(int Status, IReadOnlyDictionary<string, string[]> Errors, string TextEn, string TextZh);

/// <summary>The outcome of recording attendance: the counts, or the refusal.</summary>
public sealed record AttendanceResult(AttendanceCounts? Counts, AttendanceRefusal? Refusal);

/// <summary>Records who came to a workshop whose last day is over, and makes it Held. A direct write, not a workflow
/// step: the workshop's runs have ended by then (the approval workflow at publication, its life after publication at
/// the end of the last day), and the snapshot's ETag keeps a cancellation and two recordings apart. Recording again
/// replaces the record before it.</summary>
public sealed class AttendanceRecorder(WorkshopStore workshops, ParticipantStore participants, AuditLog audit, TimeProvider time)
{
    public async Task<AttendanceResult> RecordAsync(string id, AttendanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workshop = await workshops.GetAsync(id);
        if (workshop is null) return Refuse(StatusCodes.Status404NotFound, "id", $"No workshop with id '{id}'.", $"没有编号为“{id}”的研讨会。");
        var now = time.GetUtcNow();
        if (Unready(workshop, now) is { } unready) return new(null, unready);

        var roster = await participants.ListAsync(id);
        var (attended, errors, withdrawn) = Resolve(roster, request.Entries);
        if (errors.Count > 0)
        {
            return new(null, new AttendanceRefusal(StatusCodes.Status400BadRequest, errors, errors.First().Value[0], withdrawn
                ? "所选人员中有人已被撤回，不能记为出席。未作记录。"
                : "所选人员中有人不在本研讨会的名单上。未作记录。"));
        }

        if (await workshops.MarkHeldAsync(id, now) is { } stage && stage != Stage.Held)
        {
            return Refuse(StatusCodes.Status409Conflict, "stage", $"The workshop is {stage}; nothing was recorded.", $"研讨会状态为“{stage.Name().Zh}”，未作记录。");
        }

        // Withdrawn people were not expected, so they have no attendance either way.
        var recorded = roster.Select(p => p with { Attended = p.IsInvited ? attended.Contains(p.Id) : null }).ToList();
        await participants.SaveAsync(id, recorded.Where((p, i) => p != roster[i]).ToList());
        var counts = AttendanceCounts.Of(recorded);
        await audit.AppendAsync(id, new AuditEntry(Guid.NewGuid().ToString("N"), now, Stage.Held, AuditActions.AttendanceRecorded, request.Actor, counts.Summary(),
            Channel: request.Channel));
        return new(counts, null);
    }

    /// <summary>Why attendance cannot be recorded now, or null when it can.</summary>
    public static AttendanceRefusal? Unready(WorkshopRecord workshop, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        if (workshop.Stage is not (Stage.Published or Stage.Held))
        {
            return Refuse(StatusCodes.Status409Conflict, "stage",
                $"The workshop is {workshop.Stage}; attendance is recorded only for a published workshop that took place. Nothing was recorded.",
                $"研讨会状态为“{workshop.Stage.Name().Zh}”；只有已发布且已举办的研讨会才能记录出席情况。未作记录。").Refusal;
        }

        var over = Schedule.Of(workshop.Proposal).Over;
        return now >= over ? null : Refuse(StatusCodes.Status409Conflict, "endDate",
            $"The workshop's last day ({workshop.Proposal.EndDate:yyyy-MM-dd}) is not over yet: attendance can be recorded from {ChinaTime.En(over)}. Nothing was recorded.",
            $"研讨会最后一天（{workshop.Proposal.EndDate:yyyy-MM-dd}）尚未结束：自 {ChinaTime.Zh(over)} 起可记录出席情况。未作记录。").Refusal;
    }

    /// <summary>The ids of the people named, each by id or by address; every entry that names nobody, or a withdrawn
    /// person, is an error of its own.</summary>
    private static (HashSet<string> Ids, Dictionary<string, string[]> Errors, bool Withdrawn) Resolve(IReadOnlyList<Participant> roster, IReadOnlyList<string> entries)
    {
        var withdrawn = false;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var person = roster.FirstOrDefault(p => p.Id == entry) ?? roster.FirstOrDefault(p => string.Equals(p.Person.Email, entry, StringComparison.OrdinalIgnoreCase));
            var field = $"{AttendanceRequest.AttendedField}[{i}]";
            if (person is null) errors[field] = [$"'{TextClip.Clip(entry, 60)}' is not a participant of this workshop (neither an id nor an email address on its list)."];
            else if (!person.IsInvited)
            {
                errors[field] = [$"{person.Person.Name} ({person.Person.Email}) was withdrawn from this workshop, so cannot be marked as attended."];
                withdrawn = true;
            }
            else ids.Add(person.Id);
        }

        return (ids, errors, withdrawn);
    }

    private static AttendanceResult Refuse(int status, string field, string en, string zh) =>
        new(null, new AttendanceRefusal(status, new Dictionary<string, string[]> { [field] = [en] }, en, zh));
}
