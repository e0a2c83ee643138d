namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>
/// The collections of test classes that need nothing special from a server: they all use the one shared
/// <see cref="AppServer"/> on the shared <see cref="TestAzurite"/>, every test with workshops of its own. Four
/// collections run in parallel with each other: their tests spend most of their time waiting for the workflow and its
/// mail, so four keep the server busy without piling every workflow of the run onto it at once. The two classes that plant
/// stored-but-unraised decisions and run the recovery, which finds every such decision, are in the same one. Classes
/// that must have the storage to themselves run in <see cref="Alone"/>, after all the parallel collections: one counts
/// every workshop stored, one runs a second server in-process for a moment (whose queue worker could take a
/// notification another test waits for and hide it for a minute when stopped).
/// </summary>
public static class SharedServer
{
    public const string Links = "Shared server: links, Functions and decision recovery";
    public const string Workshops = "Shared server: workshops end to end";
    public const string AfterPublication = "Shared server: after publication, attendance and reports";
    public const string Browsers = "Shared server: pages in a browser, scanners and handovers";
    public const string Alone = "Shared server, nothing else on its storage";
}

[CollectionDefinition(SharedServer.Links)]
public sealed class SharedServerLinks : ICollectionFixture<AppServer>;

[CollectionDefinition(SharedServer.Workshops)]
public sealed class SharedServerWorkshops : ICollectionFixture<AppServer>;

[CollectionDefinition(SharedServer.AfterPublication)]
public sealed class SharedServerAfterPublication : ICollectionFixture<AppServer>;

[CollectionDefinition(SharedServer.Browsers)]
public sealed class SharedServerBrowsers : ICollectionFixture<AppServer>;

[CollectionDefinition(SharedServer.Alone, DisableParallelization = true)]
public sealed class SharedServerAlone : ICollectionFixture<AppServer>;

/// <summary>Test classes that start servers of their own because they need what a shared one must not do: kill it
/// and start it again (<c>CrashRecoveryTests</c>, <c>ServerRunsOrchestrations</c>), stop it with SIGTERM or before its
/// worker connects (<c>EarlyStopIsClean</c>), start it with bad settings (<c>ConfigurationIsValidatedAtStart</c>) or
/// with host.json's task hub (<c>HostJsonSettingsAreApplied</c>). They share an <see cref="OwnAzurite"/>, apart from the
/// shared server, and run one after another.</summary>
[CollectionDefinition(nameof(OwnServers))]
public sealed class OwnServers : ICollectionFixture<OwnAzurite>;

/// <summary>The fuzz test counts every row of its storage before and after, so it needs an emulator nobody else writes
/// to; on one of its own it runs beside <see cref="OwnServers"/> instead of after them.</summary>
[CollectionDefinition(nameof(FuzzStorage))]
public sealed class FuzzStorage : ICollectionFixture<OwnAzurite>;
