using System.Diagnostics.Metrics;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Tests.Telemetry;

/// <summary>What an operator's dashboard reads from the Approvals meter.</summary>
public sealed class MetricsTests
{
    [Fact]
    public void ADecisionCountsOnceUnderItsStageAndDecision()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = Metrics(services);
        using var seen = new Measurements(services.GetRequiredService<IMeterFactory>());

        metrics.DecisionRecorded(Stage.DonorSignOff, Decision.Reject);

        var (value, tags) = Assert.Single(seen.Of(ApprovalsMetrics.Decisions));
        Assert.Equal(1, value);
        Assert.Equal("DonorSignOff", tags["stage"]);
        Assert.Equal("Reject", tags["decision"]);
    }

    [Fact]
    public void MailsAreCountedByKindAndTheLatencyInSeconds()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = Metrics(services);
        using var seen = new Measurements(services.GetRequiredService<IMeterFactory>());

        metrics.MailSent(NotificationKind.Receipt);
        metrics.MailFailed(NotificationKind.Reminder, new MailRelayUnavailableException("smtp.example.org", new TimeoutException()));
        metrics.NextStageRecorded(Stage.Nominations, TimeSpan.FromMilliseconds(1500));

        Assert.Equal("Receipt", Assert.Single(seen.Of(ApprovalsMetrics.MailsSent)).Tags["kind"]);
        Assert.Equal(nameof(MailRelayUnavailableException), Assert.Single(seen.Of(ApprovalsMetrics.MailsFailed)).Tags["error.type"]);
        var latency = Assert.Single(seen.Of(ApprovalsMetrics.ClickToNextStage));
        Assert.Equal((1.5, "Nominations"), (latency.Value, latency.Tags["stage"]));
    }

    private static ApprovalsMetrics Metrics(ServiceProvider services) =>
        new(services.GetRequiredService<IMeterFactory>(),
            new NotificationOutbox(StorageAccount.FromConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection([new(StorageAccount.ConnectionKey, "UseDevelopmentStorage=true")]).Build())),
            new FakeTimeProvider());
}
