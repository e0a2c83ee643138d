using System.Reflection;
using System.Text.RegularExpressions;
using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Bicep;

/// <summary>
/// The Bicep compiler restored by the test project's PackageDownload (Azure.Bicep.CommandLine.linux-x64).
/// Its path is baked into the assembly at build time from $(NuGetPackageRoot); a moved package cache
/// is found again through NUGET_PACKAGES or ~/.nuget/packages.
/// </summary>
public static partial class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string Path => LazyPath.Value;

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var run = await ChildProcess.CaptureAsync(Path, RepositoryRoot.Path, Timeout, arguments);
        return new BicepRun(run.ExitCode, run.StandardOutput, run.StandardError);
    }

    private static string Locate()
    {
        var metadata = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var version = metadata["BicepCliVersion"]!;
        var relative = System.IO.Path.Combine(PackageId, version, "tools", "bicep");
        var candidates = new[]
        {
            metadata["BicepCliPath"],
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages ? System.IO.Path.Combine(packages, relative) : null,
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", relative),
        };

        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"Bicep CLI {version} not found (looked at {string.Join(", ", candidates.Where(c => c is not null))}). " +
                "Run `dotnet restore` on tests/Approvals.IntegrationTests; it downloads the package.");
        EnsureExecutable(found);
        return found;
    }

    // NuGet does not promise to keep the executable bit of files it extracts.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }

    [GeneratedRegex(@"^.*\(\d+,\d+\)\s*:\s*(Error|Warning)\b.*$", RegexOptions.Multiline)]
    internal static partial Regex DiagnosticLine();
}

/// <summary>One finished bicep invocation.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Every error or warning bicep printed, on either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        BicepCli.DiagnosticLine().Matches(StandardError + "\n" + StandardOutput).Select(m => m.Value.Trim()).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stderr\n{StandardError}\n--- stdout (first 2000 chars)\n{StandardOutput[..Math.Min(2000, StandardOutput.Length)]}";
}
