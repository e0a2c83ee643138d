using Approvals.Contacts;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;
using static Approvals.Handovers.Handovers;

namespace Approvals.Handovers;

/// <summary>One holder a directory change took out of a request, and who takes it instead.</summary>
public sealed record DirectoryMove(Stage Stage, string? Ministry, string From, string To);

/// <summary>A directory change applies to the requests already waiting too: whoever was taken out of the directory
/// no longer holds a request through it. Each open request they hold is handed over (<see cref="HandoverVia.DirectoryChanged"/>)
/// to someone who took their place in the directory, or, when nobody did, to a holder who stays.</summary>
public static class DirectoryHandovers
{
    private const int PageSize = 100;

    /// <summary>The moves a change from <paramref name="before"/> to <paramref name="after"/> makes: removed addresses
    /// paired in order with the added ones, and after those with the first address that stays.</summary>
    public static IReadOnlyList<DirectoryMove> Moves(ProjectDirectory before, ProjectDirectory after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var moves = new List<DirectoryMove>();
        moves.AddRange(Pair(Stage.InternalReview, null, before.ProjectManagers, after.ProjectManagers));
        moves.AddRange(Pair(Stage.DonorSignOff, null, before.DonorApprovers, after.DonorApprovers));
        foreach (var ministry in before.Ministries)
        {
            if (after.Find(ministry.Code) is { } now) moves.AddRange(Pair(Stage.Nominations, now.Code, ministry.FocalPoints, now.FocalPoints));
        }

        return moves;
    }

    /// <summary>Asks every workshop waiting on a moved holder to hand the request over; returns how many were asked.
    /// Only requests the stored snapshot shows the holder still holding are asked about, so no workflow records a
    /// refusal for a request that had already changed hands.</summary>
    public static async Task<int> TellOpenWorkshopsAsync(
        DurableTaskClient client, WorkshopStore workshops, ProjectDirectory before, IReadOnlyList<DirectoryMove> moves, string actor, DateTimeOffset at, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(workshops);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(moves);
        var asked = 0;
        foreach (var stage in moves.Select(m => m.Stage).Distinct())
        {
            string? token = null;
            do
            {
                var page = (await workshops.ListAsync(stage, overdueOnly: false, token, PageSize)).Page!;
                foreach (var summary in page.Items)
                {
                    if (await workshops.GetAsync(summary.Id) is not { } workshop || workshop.Stage != stage) continue;
                    foreach (var move in moves.Where(m => m.Stage == stage && Holds(workshop, before, m)))
                    {
                        var request = new HandoverRequested(stage, workshop.Round, move.Ministry, move.From, move.To,
                            "The project directory was changed.", actor, HandoverVia.DirectoryChanged, at, Guid.NewGuid().ToString("N"));
                        await client.RaiseEventAsync(workshop.Id, WorkflowEvents.HandoverRequested, request, cancellation);
                        asked++;
                    }
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return asked;
    }

    private static bool Holds(WorkshopRecord workshop, ProjectDirectory before, DirectoryMove move)
    {
        if (move.Ministry is null) return workshop.Pending.Any(p => SameAddress(p.Party, move.From));
        if (!workshop.Pending.Any(p => string.Equals(p.Party, move.Ministry, StringComparison.OrdinalIgnoreCase))) return false;
        var original = before.Find(move.Ministry)?.FocalPoints ?? [];
        return Holders(original, workshop.Handovers, workshop.Stage, workshop.Round, move.Ministry).Any(a => SameAddress(a, move.From));
    }

    private static IEnumerable<DirectoryMove> Pair(Stage stage, string? ministry, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var removed = before.Where(b => !after.Any(a => SameAddress(a, b))).ToList();
        var added = after.Where(a => !before.Any(b => SameAddress(a, b))).ToList();
        var staying = after.Where(a => before.Any(b => SameAddress(a, b))).ToList();
        for (var i = 0; i < removed.Count; i++)
        {
            var to = i < added.Count ? added[i] : staying.Count > 0 ? staying[0] : added[^1];
            yield return new DirectoryMove(stage, ministry, removed[i], to);
        }
    }
}
