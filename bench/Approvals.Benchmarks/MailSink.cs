using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Approvals.Benchmarks;

/// <summary>One mail the sink accepted: when, for whom, which workshop and kind (the app's own headers) and the action
/// link in its text, if it has one.</summary>
public sealed record SinkMail(TimeSpan AcceptedAt, string MessageId, string To, string WorkshopId, string Kind, Uri? Link);

/// <summary>A local SMTP relay on 127.0.0.1 (the SmtpServer package) that parses every mail with MimeKit and keeps it
/// in memory, so the people the benchmark plays read their mail as soon as the relay has accepted it.</summary>
public sealed partial class MailSink : MessageStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SinkMail>> byWorkshop = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> messageIds = new(StringComparer.Ordinal);
    private readonly Stopwatch clock;
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private int total;

    public MailSink(int port, Stopwatch clock)
    {
        this.clock = clock;
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public int Total => total;

    /// <summary>Mails whose Message-Id the relay had already accepted (at-least-once delivery shows here).</summary>
    public int Duplicates => messageIds.Values.Sum(n => n - 1);

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var at = clock.Elapsed;
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var workshop = message.Headers["X-Approvals-Workshop"] ?? "";
        var text = message.TextBody ?? message.HtmlBody ?? "";
        var link = LinkPattern().Match(text) is { Success: true } m ? new Uri(m.Value) : null;
        var mail = new SinkMail(at, message.MessageId ?? "", message.To.Mailboxes.FirstOrDefault()?.Address ?? "", workshop,
            message.Headers["X-Approvals-Kind"] ?? "", link);
        messageIds.AddOrUpdate(mail.MessageId, 1, (_, n) => n + 1);
        byWorkshop.GetOrAdd(workshop, _ => new ConcurrentQueue<SinkMail>()).Enqueue(mail);
        Interlocked.Increment(ref total);
        return SmtpResponse.Ok;
    }

    public IReadOnlyList<SinkMail> Of(string workshopId) =>
        byWorkshop.TryGetValue(workshopId, out var mails) ? mails.ToArray() : [];

    public IEnumerable<SinkMail> All() => byWorkshop.Values.SelectMany(q => q);

    /// <summary>Waits until <paramref name="found"/> picks something out of the workshop's mails.</summary>
    public async Task<T> WaitAsync<T>(string workshopId, Func<IReadOnlyList<SinkMail>, T?> found, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = clock.Elapsed + timeout;
        while (true)
        {
            if (found(Of(workshopId)) is { } result) return result;
            if (clock.Elapsed > deadline) throw new TimeoutException($"No {what} for {workshopId} within {timeout.TotalSeconds:0} s.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        stop.Dispose();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/api/(decisions|nominations)/[A-Za-z0-9_\-\.~%]+")]
    private static partial Regex LinkPattern();
}
