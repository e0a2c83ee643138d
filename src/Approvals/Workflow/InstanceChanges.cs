namespace Approvals.Workflow;

/// <summary>
/// Word that an orchestration's stored state was just written, for requests in this process that wait on it. A page
/// waiting for the workflow's answer reads the status again the moment the row changes, instead of reading it every
/// few hundred milliseconds in between: fewer status reads, and the answer is seen as soon as it is stored.
/// Only the self-hosted server can hear its task hub's writes (see <see cref="InstanceWritePolicy"/>); without word,
/// and for writes made by another instance, a waiting request still reads on its own schedule (<see cref="Polling"/>).
/// </summary>
public sealed class InstanceChanges
{
    /// <summary>What a write stored: the orchestration's custom status as serialized and its runtime status, as the
    /// task hub wrote them (null where the write did not carry one).</summary>
    public sealed record Stored(string? SerializedCustomStatus, string? RuntimeStatus);

    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>This process's one board: the task hub's storage clients and the waiting requests share the process.</summary>
    public static InstanceChanges Process { get; } = new();

    /// <summary>Whether anything reports writes here; until then a watch is never woken and waiting reads poll as before.</summary>
    public bool IsFed { get; private set; }

    public void Feed() => IsFed = true;

    /// <summary>Starts listening for the next write of <paramref name="instanceId"/>'s state. Take the watch before
    /// reading the state, so a write between the read and the wait is not missed.</summary>
    public Watch Listen(string instanceId)
    {
        lock (entries)
        {
            if (!entries.TryGetValue(instanceId, out var entry)) entries[instanceId] = entry = new Entry();
            entry.Listeners++;
            return new Watch(this, instanceId, entry);
        }
    }

    /// <summary>Whether a request waits on <paramref name="instanceId"/> now (so a write of it is worth reading).</summary>
    public bool IsListenedFor(string instanceId)
    {
        lock (entries) return entries.ContainsKey(instanceId);
    }

    /// <summary>The state of <paramref name="instanceId"/> was written (<paramref name="stored"/>: what, when known):
    /// wakes everyone listening for it.</summary>
    public void Written(string instanceId, Stored? stored = null)
    {
        Entry? woken;
        lock (entries)
        {
            if (!entries.Remove(instanceId, out woken)) return;
        }

        woken.Signal.TrySetResult(stored);
    }

    /// <summary>How many instances someone listens for now (a watch given up on is forgotten).</summary>
    public int Listened
    {
        get
        {
            lock (entries) return entries.Count;
        }
    }

    private void Release(string instanceId, Entry entry)
    {
        lock (entries)
        {
            if (--entry.Listeners == 0 && entries.TryGetValue(instanceId, out var current) && current == entry) entries.Remove(instanceId);
        }
    }

    internal sealed class Entry
    {
        public TaskCompletionSource<Stored?> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Listeners { get; set; }

        /// <summary>The read under way that the watches on this entry share.</summary>
        public object? Read { get; set; }
    }

    /// <summary>One request's wait for the next write; dispose it when done.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly InstanceChanges owner;
        private readonly string instanceId;
        private readonly Entry entry;
        private bool released;

        internal Watch(InstanceChanges owner, string instanceId, Entry entry) => (this.owner, this.instanceId, this.entry) = (owner, instanceId, entry);

        /// <summary>Completes when the state is written after the watch was taken, with what was written when known.</summary>
        public Task<Stored?> Written => entry.Signal.Task;

        /// <summary>What the write that ended the previous look's wait stored, when known: the state as a read made
        /// now would find it, unless written again since, which this watch then reports.</summary>
        public Stored? Known { get; internal set; }

        /// <summary>Reads the state, or joins a read another request waiting on the same instance has under way. A
        /// finished read is never handed out again: a write this process does not hear (another instance's) would
        /// leave every later look with the old state while the watches kept the entry alive. <paramref name="read"/>
        /// runs without the caller's cancellation (others may share it); the caller stops waiting on its own.</summary>
        public Task<T> ReadOnceAsync<T>(Func<Task<T>> read, CancellationToken cancellation)
        {
            ArgumentNullException.ThrowIfNull(read);
            Lazy<Task<T>> shared;
            lock (owner.entries)
            {
                if (entry.Read is not Lazy<Task<T>> existing || (existing.IsValueCreated && existing.Value.IsCompleted))
                    entry.Read = existing = new Lazy<Task<T>>(read);
                shared = existing;
            }

            return shared.Value.WaitAsync(cancellation);
        }

        public void Dispose()
        {
            if (released) return;
            released = true;
            owner.Release(instanceId, entry);
        }
    }
}
