using Approvals.Contacts;
using Approvals.Handovers;
using Approvals.Notifications;
using static Approvals.Handovers.Handovers;

namespace Approvals.Workflow;

/// <summary>Requests that change hands while they wait: staff reassign one, or its holder passes it on. The holders in
/// this run are the truth; every step stores them with the snapshot, where the link pages read them.</summary>
internal sealed partial class WorkshopRun
{
    private readonly List<Handover> handovers = [];

    /// <summary>The one outstanding wait for a handover; it outlives a single wait, so no request is lost between two.</summary>
    private Task<HandoverRequested>? handoverWait;

    /// <summary>The directory was just loaded by <see cref="StartAsync"/>: the first request needs no second read.</summary>
    private bool directoryFromStart = true;

    /// <summary>The directory that came with the event that just ended a stage (<see cref="EndedBy"/>), for the next.</summary>
    private ProjectDirectory? directoryFromEvent;

    private Task<HandoverRequested> HandoverWait => handoverWait ??= context.WaitForExternalEvent<HandoverRequested>(WorkflowEvents.HandoverRequested);

    /// <summary>Reads the directory again before a stage sends its requests, so a change staff made applies to every
    /// request sent after it.</summary>
    public async Task RefreshDirectoryAsync(Stage next)
    {
        // Only the event that ended the stage just left counts: any later stage has waited since.
        var fromEvent = directoryFromEvent;
        directoryFromEvent = null;

        // A run started before this read existed replays without it: its history has no such step.
        if (input.Version < WorkshopStarted.RereadsDirectory || !Open(next)) return;
        if (directoryFromStart)
        {
            directoryFromStart = false;
            return;
        }

        Directory = fromEvent ?? await CallAsync<ProjectDirectory>(nameof(LoadDirectory), Id);
    }

    /// <summary>The stage ends with this event, which carries the directory as it was when it was raised (null from a
    /// sender that did not read it): the next stage's requests go by it, as by a read made then. A run started before
    /// events carried it reads it as it did, or its replay would not match its history.</summary>
    public void EndedBy(ProjectDirectory? directory)
    {
        if (input.Version >= WorkshopStarted.DirectoryComesWithEvents) directoryFromEvent = directory;
    }

    /// <summary>The focal points who hold a ministry's nomination request now.</summary>
    public IReadOnlyList<string> HoldersOf(string ministry) =>
        Holders(Directory.Find(ministry)?.FocalPoints ?? [], handovers, Stage, Round, ministry);

    /// <summary>Why an answer from <paramref name="address"/> is refused: it passed the request on; null while it holds it.</summary>
    public string? NoLongerHolds(string? ministry, string address) =>
        PassedAway(handovers, Stage, Round, ministry, address) is { } away
            ? $"{address} no longer holds this request: it was passed to {away.Holder} on {away.Away.At:yyyy-MM-dd HH:mm} UTC, who answers it now."
            : null;

    /// <summary>The handovers of the stage and round the next step records; older ones are of no request still open.</summary>
    private List<Handover> HandoversFor(Stage next)
    {
        handovers.RemoveAll(h => h.Stage != next || h.Round != Round);
        return [.. handovers];
    }

    private async Task TakeHandoverAsync(HandoverRequested asked, DateTimeOffset due)
    {
        if (Answered(asked.Receipt)) return;
        var (refusal, moves) = Plan(asked);
        if (refusal is not null)
        {
            Answer(asked.Receipt, used: false, refusal);
            await Record(Stage, new Step(AuditActions.HandoverRefused, asked.Actor, $"{asked.From} → {asked.To}: {refusal}"), Pending);
            return;
        }

        // Who held each moved request already: a directory change may hand one to a holder who stays, who needs no new mail.
        var alreadyHeld = moves.Where(m => m.Ministry is null ? Pending.Any(p => SameAddress(p.Party, m.To)) : HoldersOf(m.Ministry).Any(a => SameAddress(a, m.To))).ToList();
        handovers.AddRange(moves);
        var pending = Pending
            .Select(p => moves.Any(m => m.Ministry is null && SameAddress(p.Party, m.From)) ? p with { Party = asked.To } : p)
            .DistinctBy(p => p.Party, StringComparer.OrdinalIgnoreCase)
            .ToList();
        Answer(asked.Receipt, used: true);
        var where = string.Join(", ", moves.Select(m => m.Ministry ?? Stage.ToString()));
        var action = asked.Via switch
        {
            HandoverVia.Reassigned => AuditActions.Reassigned,
            HandoverVia.DirectoryChanged => AuditActions.MovedByDirectoryChange,
            _ => AuditActions.PassedOn,
        };
        await Record(Stage, new Step(action, asked.Actor,
            $"{where}: {asked.From} → {asked.To}{(asked.Note is { Length: > 0 } note ? $" — {note}" : string.Empty)}"), pending,
            mails: () => moves.SelectMany(m => HandoverMails(m, pending, due, alreadyHeld.Contains(m))));
    }

    /// <summary>The new holder gets the request with a link of their own; the previous holder, the proposer and the
    /// escalation contacts are told who holds it now.</summary>
    private IEnumerable<Notification> HandoverMails(Handover move, IReadOnlyList<PendingRequest> pending, DateTimeOffset due, bool alreadyHeld)
    {
        var (kind, role) = Stage switch
        {
            Stage.InternalReview => (NotificationKind.ReviewRequest, Role.ProjectManager),
            Stage.DonorSignOff => (NotificationKind.DonorRequest, Role.Donor),
            _ => (NotificationKind.NominationRequest, Role.FocalPoint),
        };
        var requestDue = pending.FirstOrDefault(p => SameAddress(p.Party, move.To))?.DueAt ?? due;
        if (!alreadyHeld) yield return Message(kind, move.To, role, requestDue, ministry: move.Ministry, comment: move.Note) with { Handover = move };

        // Staff who change the directory know it: only the one taken out is told where their request went.
        var others = move.Via == HandoverVia.DirectoryChanged ? [] : new[] { (To: Proposal.SubmittedBy, Role: Role.Proposer) }.Concat(EscalationContacts);
        var told = new[] { (To: move.From, Role: role) }.Concat(others)
            .Where(r => !SameAddress(r.To, move.To))
            .DistinctBy(r => r.To, StringComparer.OrdinalIgnoreCase);
        foreach (var (to, toldRole) in told)
        {
            yield return Message(NotificationKind.RequestPassedOn, to, toldRole, requestDue, ministry: move.Ministry, comment: move.Note) with { Handover = move };
        }
    }

    /// <summary>What a handover request moves, or why it moves nothing.</summary>
    private (string? Refusal, IReadOnlyList<Handover> Moves) Plan(HandoverRequested asked)
    {
        if (asked.Stage != Stage || asked.Round != Round || !Open(Stage))
        {
            return ($"The workshop is at {Stage} (round {Round}), not {asked.Stage} (round {asked.Round}); nothing was handed over.", []);
        }

        if (SameAddress(asked.From, asked.To)) return ($"{asked.To} already holds this request.", []);
        Handover Move(string? ministry) => new(Stage, Round, ministry, asked.From.Trim(), asked.To.Trim(), asked.Actor, asked.Note, Now, asked.Via);
        if (Stage == Stage.Nominations)
        {
            var asking = asked.Ministry is { } one
                ? Proposal.Invitations.Where(i => string.Equals(i.Ministry, one, StringComparison.OrdinalIgnoreCase))
                : Proposal.Invitations;
            var held = asking.Select(i => i.Ministry).Where(m => HoldersOf(m).Any(a => SameAddress(a, asked.From))).ToList();
            if (held.Count == 0) return (NotHeld(asked, asked.Ministry), []);
            if (asked.Via != HandoverVia.DirectoryChanged && held.FirstOrDefault(m => HoldersOf(m).Any(a => SameAddress(a, asked.To))) is { } taken)
            {
                return ($"{asked.To} already holds the nomination request of {taken}.", []);
            }

            return (null, held.Select(Move).ToList());
        }

        if (!Pending.Any(p => SameAddress(p.Party, asked.From))) return (NotHeld(asked, null), []);
        // A directory change names its new holder from the new directory, and may leave the request with a holder who stays.
        var byDirectory = asked.Via == HandoverVia.DirectoryChanged;
        if (!byDirectory && Pending.Any(p => SameAddress(p.Party, asked.To))) return ($"{asked.To} already holds this request.", []);
        if (!byDirectory && Stage == Stage.DonorSignOff && !Directory.DonorApprovers.Any(a => SameAddress(a, asked.To)))
        {
            return ($"Only the EU donor's programme managers listed in the directory can sign off ({string.Join(", ", Directory.DonorApprovers)}); {asked.To} is not one of them.", []);
        }

        return (null, [Move(null)]);
    }

    private string NotHeld(HandoverRequested asked, string? ministry) =>
        NoLongerHolds(ministry, asked.From)
        ?? $"{asked.From} holds no waiting request of {Stage}{(ministry is null ? string.Empty : $" for {ministry}")}; it is waiting for {Parties(Pending)}.";
}
