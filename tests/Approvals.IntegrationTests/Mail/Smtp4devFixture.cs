using Approvals.Server.Hosting;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Approvals.IntegrationTests.Infrastructure;
using MimeKit;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A real SMTP server: smtp4dev, the repository's dotnet local tool (.config/dotnet-tools.json), restored
/// with <c>dotnet tool restore</c> and started on random 127.0.0.1 SMTP and HTTP ports with an in-memory database, no
/// TLS, no IMAP or POP3. Messages are read back through its HTTP API. Never skipped: a missing tool is installed by the
/// restore, and a restore that fails fails the tests.</summary>
public sealed class Smtp4devFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private ChildProcess? process;
    private string? dataPath;
    private HttpClient? http;

    public int SmtpPort { get; private set; }
    public int HttpPort { get; private set; }

    private HttpClient Http => http ?? throw new InvalidOperationException("smtp4dev is not started.");

    public async Task InitializeAsync()
    {
        await ChildProcess.RunAsync("dotnet", RepositoryRoot.Path, TimeSpan.FromMinutes(5), "tool", "restore");
        var ports = LoopbackPorts.GetFree(2);
        (SmtpPort, HttpPort) = (ports[0], ports[1]);
        dataPath = System.IO.Directory.CreateTempSubdirectory("approvals-smtp4dev-").FullName;
        process = ChildProcess.Start("dotnet", RepositoryRoot.Path,
        [
            "smtp4dev",
            $"--baseappdatapath={dataPath}",
            "--nousersettings",
            "--db=",
            $"--smtpport={SmtpPort}",
            "--imapport=",
            "--pop3port=",
            "--bindaddress=127.0.0.1",
            $"--urls=http://127.0.0.1:{HttpPort}",
            "--hostname=localhost",
            "--tlsmode=None",
            "--messagestokeep=100000", // its default, 100, drops the oldest: a fault run counts every message it sent
        ], terminationGrace: TimeSpan.FromSeconds(5));
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/"), Timeout = TimeSpan.FromSeconds(10) };

        var started = process;
        string NotStarted() => $"smtp4dev did not start on SMTP {SmtpPort} / HTTP {HttpPort} within {StartTimeout}:\n{started.Output}";
        await Eventually.Until(async () => started.HasExited ? throw new InvalidOperationException(NotStarted()) : await IsReadyAsync(), ready => ready,
            StartTimeout, _ => NotStarted(), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Waits for a message to <paramref name="to"/> and returns it parsed from its raw source.</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string to, TimeSpan timeout)
    {
        var found = await Eventually.Found(
            async () => (await ListAsync()).FirstOrDefault(m => m.To.Any(t => string.Equals(t, to, StringComparison.OrdinalIgnoreCase))),
            timeout, $"No message to {to} reached smtp4dev within {timeout}.", TimeSpan.FromMilliseconds(100));
        return await RawAsync(found.Id);
    }

    public async Task<IReadOnlyList<Smtp4devMessage>> ListAsync()
    {
        var page = await Http.GetFromJsonAsync<Smtp4devPage>("api/messages?pageSize=500");
        return page?.Results ?? [];
    }

    /// <summary>Every message, page by page (smtp4dev answers at most 100 a page, whatever page size is asked for).</summary>
    public async Task<IReadOnlyList<Smtp4devMessage>> ListAllAsync()
    {
        const int size = 100;
        var all = new List<Smtp4devMessage>();
        for (var page = 1; ; page++)
        {
            var results = (await Http.GetFromJsonAsync<Smtp4devPage>($"api/messages?page={page}&pageSize={size}"))?.Results ?? [];
            all.AddRange(results);
            if (results.Count < size) return all;
        }
    }

    public async Task<MimeMessage> RawAsync(string id)
    {
        var bytes = await Http.GetByteArrayAsync($"api/messages/{Uri.EscapeDataString(id)}/raw");
        using var stream = new MemoryStream(bytes);
        return await MimeMessage.LoadAsync(stream);
    }

    public Task DisposeAsync()
    {
        http?.Dispose();
        process?.Dispose();
        ChildProcess.DeleteFolderQuietly(dataPath);

        return Task.CompletedTask;
    }

    private async Task<bool> IsReadyAsync()
    {
        if (!LoopbackPorts.IsListening(SmtpPort)) return false;
        try
        {
            using var response = await Http.GetAsync("api/messages");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    public sealed record Smtp4devPage([property: JsonPropertyName("results")] IReadOnlyList<Smtp4devMessage> Results);

    public sealed record Smtp4devMessage(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("to")] IReadOnlyList<string> To,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("attachmentCount")] int AttachmentCount);
}
