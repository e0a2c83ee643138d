using System.Diagnostics;

namespace Approvals.Server.Hosting;

/// <summary>Keeps the last lines a child process printed (stdout and stderr), for error messages.</summary>
internal sealed class OutputTail
{
    readonly Queue<string> lines = new();
    readonly int capacity;

    OutputTail(int capacity) => this.capacity = capacity;

    /// <summary>Starts reading the (redirected) output of <paramref name="process"/>.</summary>
    public static OutputTail Capture(Process process, int capacity)
    {
        ArgumentNullException.ThrowIfNull(process);
        var tail = new OutputTail(capacity);
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tail;
    }

    void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Enqueue(line);
            if (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (lines)
        {
            return string.Join(Environment.NewLine, lines);
        }
    }
}
