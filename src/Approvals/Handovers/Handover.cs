using Approvals.Workflow;

namespace Approvals.Handovers;

/// <summary>A waiting request that moved from one holder to another: staff reassigned it, or its holder passed it on
/// from their link. <paramref name="Ministry"/> names the ministry of a nomination request (null at a decision stage).</summary>
public sealed record Handover(
    Stage Stage, int Round, string? Ministry, string From, string To, string Actor, string? Note, DateTimeOffset At, HandoverVia Via);

/// <summary>How a request was handed over.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HandoverVia>))]
public enum HandoverVia
{
    /// <summary>Staff, with <c>POST /api/workshops/{id}/reassign</c>.</summary>
    Reassigned,

    /// <summary>The holder, with the "pass it on" form of their link.</summary>
    PassedOn,

    /// <summary>Staff took the holder out of the directory (<c>PUT /api/directory</c>): the request moved to who
    /// replaced them there, or to a remaining holder.</summary>
    DirectoryChanged,
}

/// <summary>Who holds a request after its handovers. The workflow and the link pages both read holders this way, so a
/// link that no longer holds its request decides nothing and its page says so.</summary>
public static class Handovers
{
    /// <summary>The stages whose waiting request can change hands.</summary>
    public static bool Open(Stage stage) => stage is Stage.InternalReview or Stage.Nominations or Stage.DonorSignOff;

    public static bool SameAddress(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The handovers of one request (a stage and round, and a ministry at nominations), oldest first.</summary>
    public static IEnumerable<Handover> Of(IEnumerable<Handover> all, Stage stage, int round, string? ministry) =>
        all.Where(h => h.Stage == stage && h.Round == round && string.Equals(h.Ministry, ministry, StringComparison.OrdinalIgnoreCase));

    /// <summary>The handover that took the request away from <paramref name="address"/>, with the address that holds it
    /// now; null when <paramref name="address"/> never passed it on, or got it back since.</summary>
    public static (Handover Away, string Holder)? PassedAway(IEnumerable<Handover> all, Stage stage, int round, string? ministry, string address)
    {
        var mine = Of(all, stage, round, ministry).ToList();
        var last = mine.FindLastIndex(h => SameAddress(h.From, address) || SameAddress(h.To, address));
        if (last < 0 || SameAddress(mine[last].To, address)) return null;
        var holder = mine[last].To;
        foreach (var later in mine.Skip(last + 1))
        {
            if (SameAddress(later.From, holder)) holder = later.To;
        }

        return (mine[last], holder);
    }

    /// <summary>The holders of a request that started with <paramref name="original"/>, after its handovers.</summary>
    public static IReadOnlyList<string> Holders(IEnumerable<string> original, IEnumerable<Handover> all, Stage stage, int round, string? ministry)
    {
        var holders = original.ToList();
        foreach (var h in Of(all, stage, round, ministry))
        {
            holders.RemoveAll(a => SameAddress(a, h.From));
            if (!holders.Any(a => SameAddress(a, h.To))) holders.Add(h.To);
        }

        return holders;
    }
}
