using System.Collections.Concurrent;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Notifications.Mailbox;
using Approvals.Publication;
using Approvals.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approvals.IntegrationTests.Mail;

/// <summary>A minimal web app with the library's composition (<c>AddApprovals</c>) plus the mailbox and events routes,
/// on a random 127.0.0.1 port, over <see cref="MailTestAzurite"/>; SMTP when a port is given, else the local mailbox.</summary>
public sealed class MailHost : IAsyncDisposable
{
    public const string From = "Approvals <approvals@iom.example.org>";
    public const string PublicBaseUrl = "http://127.0.0.1:7071";

    private readonly WebApplication app;

    private MailHost(WebApplication app, Uri address, CapturedLogs logs)
    {
        this.app = app;
        Address = address;
        Logs = logs;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public CapturedLogs Logs { get; }
    public IServiceProvider Services => app.Services;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public static async Task<MailHost> StartAsync(MailTestAzurite azurite, int? smtpPort = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.ConnectionKey] = azurite.ConnectionString,
            ["Approvals:SigningKey"] = SigningKey.Development,
            ["Approvals:PublicBaseUrl"] = PublicBaseUrl,
            ["Approvals:Mail:From"] = From,
            ["Approvals:Mail:Smtp:Host"] = smtpPort is null ? "" : "127.0.0.1",
            ["Approvals:Mail:Smtp:Port"] = smtpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "25",
            ["Approvals:DirectorySeed"] = RepositoryRoot.Combine("samples", "directory.json"),
        });
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddApprovals(builder.Configuration);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapApprovalsMailbox(requireKey: false);
        app.MapApprovalsEvents();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MailHost(app, new Uri(address), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Log lines written during a test, with their structured values.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Error)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            sink.Lines.Enqueue((logLevel, category, formatter(state, exception), values, exception));
        }
    }
}
