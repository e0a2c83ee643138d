namespace Approvals.Benchmarks;

/// <summary>One status line per variant on the console: rewritten in place on a terminal, every few seconds otherwise.</summary>
public sealed class Progress
{
    private readonly Lock gate = new();
    private readonly bool terminal = !Console.IsOutputRedirected;
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan last = TimeSpan.FromHours(-1);
    private string lastText = "";

    public void Say(string variant, string text)
    {
        lock (gate)
        {
            var line = $"[{clock.Elapsed:mm\\:ss}] {variant}: {text}";
            if (terminal)
            {
                Console.Write("\r" + line.PadRight(Math.Max(lastText.Length, line.Length)));
                lastText = line;
                return;
            }

            if (clock.Elapsed - last < TimeSpan.FromSeconds(5) && !text.StartsWith("start", StringComparison.Ordinal) && !text.StartsWith("done", StringComparison.Ordinal)) return;
            last = clock.Elapsed;
            Console.WriteLine(line);
        }
    }

    public void EndLine()
    {
        lock (gate)
        {
            if (terminal && lastText.Length > 0) Console.WriteLine();
            lastText = "";
        }
    }
}
