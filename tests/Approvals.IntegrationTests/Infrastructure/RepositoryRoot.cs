namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>The checkout the tests run from: the nearest directory above the test binaries holding Approvals.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Approvals.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Approvals.sln above {AppContext.BaseDirectory}.");
    }
}
