using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>What a fault run left, counted from what people see: the status API, smtp4dev's messages (by
/// Message-Id) and the poison queue.</summary>
public sealed record Figures(
    string Scenario, int Workshops, int Published, int DecisionsConfirmed, int DecisionsLost, int DecisionsTwice,
    int SlatesConfirmed, int SlatesLost, int Nominees, int ConfirmationsMissing, int ConfirmationsTwice, int Mails, int MailsTwice,
    int MailsWaiting, int Poisoned, int StagePolls, int StageRegressions, int Retries)
{
    /// <summary>What a person would get twice: a decision recorded twice, or a nominee with two different confirmations.
    /// A second copy of one Message-Id (<see cref="MailsTwice"/>) is the same mail again, which mail clients file as one.</summary>
    public int Duplicates => DecisionsTwice + ConfirmationsTwice;

    public override string ToString() =>
        $"{Scenario}: workshops {Published}/{Workshops} Published; decisions confirmed {DecisionsConfirmed}, lost {DecisionsLost}, twice {DecisionsTwice}; " +
        $"slates confirmed {SlatesConfirmed}, lost {SlatesLost}; nominees {Nominees}, confirmation missing {ConfirmationsMissing}, two different {ConfirmationsTwice}; " +
        $"mails {Mails}, sent twice (same Message-Id) {MailsTwice}, still waiting {MailsWaiting}; poisoned {Poisoned}; status polls {StagePolls}, stage shown older {StageRegressions}; " +
        $"calls repeated while down {Retries}; duplicates found {Duplicates}";

    public bool Lost => (Published, DecisionsLost, DecisionsTwice, SlatesLost, ConfirmationsMissing, ConfirmationsTwice, MailsTwice, MailsWaiting, Poisoned, StageRegressions)
        != (Workshops, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <param name="killed">The server was killed: a mail it had handed to the relay but not yet recorded as sent goes out
    /// again with the same Message-Id (at-least-once, the one case), and a mail it had claimed goes out when that claim's
    /// lease (<see cref="NotificationHandler.SendLease"/>) is over, possibly later than a short run waits.</param>
    /// <param name="waitedForLeases">The run waited long enough for every such lease.</param>
    public void AssertNothingLost(bool killed = false, bool waitedForLeases = true) =>
        Assert.False((this with
        {
            MailsTwice = killed ? 0 : MailsTwice,
            MailsWaiting = killed && !waitedForLeases ? 0 : MailsWaiting,
        }).Lost, ToString());
}

public static class Ledger
{
    /// <param name="drain">How long to wait for the outbox to empty.</param>
    public static async Task<Figures> CountAsync(string scenario, Fleet fleet, StageWatch watch, Smtp4devFixture smtp4dev,
        string storage, TimeSpan drain, ITestOutputHelper output)
    {
        var published = 0;
        var (decisions, decisionsLost, decisionsTwice, slates, slatesLost) = (0, 0, 0, 0, 0);
        foreach (var id in fleet.Ids)
        {
            var status = await fleet.WaitForStageAsync(id, Stage.Published);
            if (status.Stage == Stage.Published) published++;
            foreach (var confirmed in fleet.Confirmed[id])
            {
                if (confirmed.StartsWith("decision", StringComparison.Ordinal))
                {
                    decisions++;
                    var party = confirmed.EndsWith(nameof(Stage.InternalReview), StringComparison.Ordinal) ? Fleet.Manager : Fleet.Donor;
                    var kept = status.History.Count(h => h.Action == "DecisionApprove" && h.Actor == party);
                    if (kept == 0) decisionsLost++;
                    if (kept > 1) decisionsTwice++;
                }
                else
                {
                    slates++;
                    var ministry = confirmed["slate ".Length..];
                    if (status.Nominations.ByMinistry.GetValueOrDefault(ministry) != Fleet.NomineesPerMinistry) slatesLost++;
                }
            }
        }

        var nominees = fleet.AllNominees.ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Arrived(IReadOnlyList<Smtp4devFixture.Smtp4devMessage> all) => nominees.All(n => all.Any(m => m.To.Contains(n, StringComparer.OrdinalIgnoreCase)));
        try
        {
            await Eventually.Until(smtp4dev.ListAllAsync, Arrived, TimeSpan.FromSeconds(90), interval: TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
            // Counted below as missing.
        }

        // Every mail of the run out of the outbox (none waiting, none hidden for a retry), then room for a second copy to land.
        var outbox = new QueueServiceClient(storage).GetQueueClient(StorageNames.NotificationsQueue);
        int waiting;
        try
        {
            waiting = await Eventually.Until(async () => (await outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount, count => count == 0,
                drain, interval: TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
            waiting = (await outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var ids = fleet.Ids.ToHashSet(StringComparer.Ordinal);
        var mails = new List<(string MessageId, string Kind, string To)>();
        foreach (var summary in await smtp4dev.ListAllAsync())
        {
            var message = await smtp4dev.RawAsync(summary.Id);
            if (!ids.Contains(message.Headers["X-Approvals-Workshop"] ?? string.Empty)) continue;
            mails.Add((message.MessageId ?? summary.Id, message.Headers["X-Approvals-Kind"] ?? string.Empty, string.Join(",", summary.To)));
        }

        var confirmations = mails.Where(m => m.Kind == nameof(NotificationKind.ParticipantConfirmation)).ToList();
        var missing = nominees.Count(n => !confirmations.Any(c => c.To.Contains(n, StringComparison.OrdinalIgnoreCase)));
        var different = nominees.Count(n => confirmations.Where(c => c.To.Contains(n, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.MessageId).Distinct(StringComparer.Ordinal).Count() > 1);
        var twice = mails.Count - mails.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count();
        var poison = new QueueServiceClient(storage).GetQueueClient(StorageNames.NotificationsPoisonQueue);
        var poisoned = await poison.ExistsAsync() ? (await poison.PeekMessagesAsync(32)).Value.Length : 0;

        var figures = new Figures(scenario, fleet.Ids.Count, published, decisions, decisionsLost, decisionsTwice, slates, slatesLost,
            nominees.Count, missing, different, mails.Count, twice, waiting, poisoned, watch.Polls, watch.Regressions.Count, fleet.Retries);
        output.WriteLine(figures.ToString());
        foreach (var regression in watch.Regressions) output.WriteLine($"  stage shown older: {regression}");
        return figures;
    }
}
