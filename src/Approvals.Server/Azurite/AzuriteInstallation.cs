using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Approvals.Server.Azurite;

/// <summary>Finds the repository that pins the azurite npm package and installs it on first use.</summary>
public static class AzuriteInstallation
{
    /// <summary>
    /// Walks up from the current directory and from the application's base directory to the folder
    /// whose package.json names azurite.
    /// </summary>
    public static string FindRepositoryRoot() =>
        TryFindRepositoryRoot() ?? throw new InvalidOperationException(
            "Cannot find the repository's package.json that pins azurite, walking up from " +
            $"'{Directory.GetCurrentDirectory()}' and '{AppContext.BaseDirectory}'. Run from inside the repository, " +
            "or point AzureWebJobsStorage at a running storage emulator or account.");

    /// <summary>As <see cref="FindRepositoryRoot"/>, or null when there is none.</summary>
    public static string? TryFindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (NamesAzurite(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>Path of Azurite's entry script, running <c>npm ci</c> first when node_modules lacks it.</summary>
    public static string EnsureInstalled(string repositoryRoot, ILogger logger)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite")) && File.Exists(script))
        {
            return script;
        }

        logger.LogInformation("Azurite is not installed yet: running npm ci in {RepositoryRoot} (first use only)", repositoryRoot);
        var started = Stopwatch.StartNew();
        var (exitCode, output) = Run(repositoryRoot, "npm", "ci", "--no-audit", "--no-fund");
        if (exitCode != 0 || !File.Exists(script))
        {
            throw new InvalidOperationException(
                $"'npm ci' in {repositoryRoot} exited with {exitCode} and did not install azurite:{Environment.NewLine}{output}");
        }

        logger.LogInformation("Installed Azurite in {Elapsed}", started.Elapsed);
        return script;
    }

    static bool NamesAzurite(string packageJson)
    {
        if (!File.Exists(packageJson))
        {
            return false;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(packageJson));
        return new[] { "dependencies", "devDependencies" }.Any(section =>
            json.RootElement.TryGetProperty(section, out var deps) && deps.TryGetProperty("azurite", out _));
    }

    /// <summary>Starts a process, turning "no such program" into a message that says what to install.</summary>
    internal static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start '{start.FileName}': {e.Message}. Azurite needs Node.js 20+ with npm on the PATH.", e);
        }
    }

    static (int ExitCode, string Output) Run(string workingDirectory, string command, params string[] arguments)
    {
        // npm is a shell script on Unix and a .cmd file on Windows; only the latter needs a shell.
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", command } }
            : new ProcessStartInfo(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = StartOrExplain(start);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
