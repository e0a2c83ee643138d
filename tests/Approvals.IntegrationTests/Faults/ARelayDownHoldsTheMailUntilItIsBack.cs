using System.Diagnostics;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>The SMTP relay refuses connections for a while mid-run (the server mails through a <see cref="SmtpRelay"/>
/// that is taken down, then brought back on the same port): the mails wait and go out once it is back, once each, and
/// none lands in <c>notifications-poison</c>.</summary>
[Collection(nameof(FaultSuite))]
public sealed class ARelayDownHoldsTheMailUntilItIsBack(OwnAzurite azurite, Smtp4devFixture smtp4dev, ITestOutputHelper output)
{
    /// <summary>Shortened to keep the default run within budget, with the retries' back-off capped at 10 s so that the
    /// outage still outlasts all five tries of a mail (2 + 4 + 8 + 10 s); the soak keeps the full minute and the defaults.</summary>
    [Fact]
    [Trait("Category", "Fault")]
    public Task MailsWaitThroughThirtySecondsWithoutARelay() =>
        RunAsync(TimeSpan.FromSeconds(30), workshops: 2, new Dictionary<string, string?> { ["Approvals__Mail__Worker__MaxRetryDelay"] = "00:00:10", ["Approvals__Mail__RelayRetryDelay"] = "00:00:10" });

    [SoakFact]
    [Trait("Category", "Soak")]
    public Task MailsWaitThroughAMinuteWithoutARelay() => RunAsync(TimeSpan.FromSeconds(60), workshops: 5, []);

    private async Task RunAsync(TimeSpan outage, int workshops, Dictionary<string, string?> settings)
    {
        var scenario = $"SMTP relay down {outage.TotalSeconds:0} s";
        var random = FaultRun.Seeded(scenario, output);
        await using var relay = new SmtpRelay(smtp4dev.SmtpPort);
        var down = TimeSpan.Zero;
        var figures = await FaultRun.RunAsync(scenario, () => FaultServers.OnStorageAsync(azurite.ConnectionString, relay.Port, settings), azurite.ConnectionString,
            workshops, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(4), smtp4dev, output, async (_, fleet, running, took) =>
            {
                await Task.WhenAny(fleet.FirstDecisionAnswered, running);
                await Task.Delay(random.Next(0, 2_000));
                var at = took.Elapsed;
                var watch = Stopwatch.StartNew();
                await relay.Down();
                while (watch.Elapsed < outage) await Task.Delay(outage - watch.Elapsed + TimeSpan.FromMilliseconds(5));
                relay.Up();
                down = watch.Elapsed;
                return $"relay down {down.TotalSeconds:0.0} s from {at.TotalSeconds:0.0} s (running then: {!running.IsCompleted})";
            });

        Assert.True(down >= outage);
        figures.AssertNothingLost();
    }
}
