using Approvals.Contacts;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Storage;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Contacts;

/// <summary>The directory every mail and step reads is kept for a few seconds: a change through the same instance
/// applies to the next read, one through another instance (or the other host) once the kept copy is older than
/// <see cref="DirectoryStore.CacheLifetime"/>. Two stores on one storage stand for two instances.</summary>
[Collection(nameof(OwnServers))]
public sealed class DirectoryCacheTests(OwnAzurite azurite) : IAsyncLifetime
{
    private readonly ManualClock clock = new();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Puts the seed back for the next class on this storage, as a server would have seeded it.</summary>
    public Task DisposeAsync() =>
        Store().SaveAsync(Json.Deserialize<ProjectDirectory>(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "directory.json"))));

    [Fact]
    public async Task AChangeAppliesAtOnceWhereItWasMadeAndWithinTheCacheLifetimeElsewhere()
    {
        var (here, elsewhere) = (Store(), Store());
        await here.SaveAsync(Directory("first.manager@iom.example.org"));
        Assert.Equal("first.manager@iom.example.org", (await here.LoadAsync()).ProjectManagers[0]);
        Assert.Equal("first.manager@iom.example.org", (await elsewhere.LoadAsync()).ProjectManagers[0]);

        var current = await here.ReadAsync();
        var (replaced, _) = await here.ReplaceAsync(Directory("second.manager@iom.example.org"), current.ETag,
            (before, after) => new DirectoryChange(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), "test", "manager", before.ETag, after.ETag));
        Assert.True(replaced);

        Assert.Equal("second.manager@iom.example.org", (await here.LoadAsync()).ProjectManagers[0]);
        Assert.Equal("first.manager@iom.example.org", (await elsewhere.LoadAsync()).ProjectManagers[0]);
        Assert.Equal("second.manager@iom.example.org", (await elsewhere.ReadAsync()).Directory.ProjectManagers[0]);

        await elsewhere.SaveAsync(Directory("third.manager@iom.example.org"));
        Assert.Equal("second.manager@iom.example.org", (await here.LoadAsync()).ProjectManagers[0]);
        clock.Advance(DirectoryStore.CacheLifetime);
        Assert.Equal("third.manager@iom.example.org", (await here.LoadAsync()).ProjectManagers[0]);
    }

    private DirectoryStore Store() => new(new Tables(StorageAccount.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.ConnectionKey] = azurite.ConnectionString }).Build())), clock);

    private static ProjectDirectory Directory(string manager) => new([manager], ["programme.manager@eeas.example.eu"], ["director@iom.example.org"],
        [new Ministry("MFA", "Ministry of Foreign Affairs", "外交部", ["focal.mfa@gov.example.cn"])]);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
