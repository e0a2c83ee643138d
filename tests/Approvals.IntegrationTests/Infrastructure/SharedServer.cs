namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>One server with default settings for every test class that needs nothing special, on the shared
/// <see cref="TestAzurite"/>. Every test makes its own workshop, so classes only wait for each other because some count
/// what the whole storage holds (<c>ProposalIntakeTests</c>), plant decisions for the recovery to find, or run a second
/// server on the same storage for a moment (<c>FunctionsMetadataTests</c>' in-process server, the Functions workflow on
/// the in-memory Durable host): those must not overlap with other tests on this storage.</summary>
[CollectionDefinition(nameof(SharedServer))]
public sealed class SharedServer : ICollectionFixture<AppServer>;

/// <summary>Test classes that start servers of their own because they need what a shared one must not do: kill it
/// and start it again (<c>CrashRecoveryTests</c>, <c>ServerRunsOrchestrations</c>), stop it with SIGTERM or before its
/// worker connects (<c>EarlyStopIsClean</c>), start it with bad settings (<c>ConfigurationIsValidatedAtStart</c>) or
/// with host.json's task hub (<c>HostJsonSettingsAreApplied</c>). They share an <see cref="OwnAzurite"/>, apart from the
/// shared server.</summary>
[CollectionDefinition(nameof(OwnServers))]
public sealed class OwnServers : ICollectionFixture<OwnAzurite>;
