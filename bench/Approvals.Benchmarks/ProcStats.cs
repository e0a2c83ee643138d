using System.Globalization;

namespace Approvals.Benchmarks;

/// <summary>What Linux says about a process: CPU time (its own and its descendants', from /proc/&lt;pid&gt;/stat) and
/// resident memory (VmRSS, VmHWM from /proc/&lt;pid&gt;/status).</summary>
public static class ProcStats
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds (user + system) of the process and every process below it (the emulator's launcher may
    /// run Azurite as a child).</summary>
    public static double CpuSeconds(int pid)
    {
        var total = 0.0;
        foreach (var p in WithDescendants(pid))
        {
            if (Stat(p) is { } fields) total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }

        return total;
    }

    public static (double Now, double Peak) Memory(int pid)
    {
        double Kib(string key) => File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024
            : 0;
        try
        {
            return (Kib("VmRSS"), Kib("VmHWM"));
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>The fields after the command name: index 0 is the state, 1 the parent pid, 11 utime, 12 stime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<int> WithDescendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } f)
                parents[pid] = int.Parse(f[1], CultureInfo.InvariantCulture);
        }

        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++) result.AddRange(parents.Where(p => p.Value == result[i]).Select(p => p.Key));
        return result;
    }
}
