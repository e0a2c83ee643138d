using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Functions;
using Approvals.Functions.Http;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Approvals.IntegrationTests.Functions;

/// <summary>
/// The services the Functions app's Program builds (<c>AddApprovals</c>, problem details included), configured as <c>func start</c> would be from local.settings.example.json (in Development), with
/// storage pointed at <see cref="TestAzurite"/> and the test server's signing key. Function classes are created from
/// them per call, as the Functions worker does; the helpers below hand them requests.
/// </summary>
public sealed class FunctionsHost : IAsyncLifetime
{
    IHost host = null!;

    public IServiceProvider Services => host.Services;

    public static string ExampleSettingsPath =>
        Path.Combine(RepositoryRoot.Path, "src", "Approvals.Functions", "local.settings.example.json");

    /// <summary>The <c>Values</c> of local.settings.example.json, which Core Tools turns into environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ExampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ExampleSettingsPath));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = FunctionsOutput.Folder,
        });

        // Environment variables name sections with "__"; configuration reads them with ":".
        builder.Configuration.AddInMemoryCollection(ExampleSettings().Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.Configuration[StorageAccount.ConnectionKey] = TestAzurite.ConnectionString;

        // The server's signing key, so a link either host mails opens on the other.
        builder.Configuration[$"{ApprovalsOptions.Section}:{nameof(ApprovalsOptions.SigningKey)}"] = Convert.ToBase64String(AppServer.SigningKey);
        builder.Services.AddLogging();
        builder.Services.AddApprovals(builder.Configuration);
        host = builder.Build();
        await host.StartAsync();
    }

    /// <summary>A function class with its constructor dependencies, as the worker creates one per invocation.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public object Create(Type type) => ActivatorUtilities.CreateInstance(Services, type);

    /// <summary>Submits through <see cref="WorkshopFunctions.SubmitWorkshop"/>, as a POST /api/workshops would.</summary>
    public Task<FunctionResponse> SubmitAsync(JsonObject proposal, DurableTaskClient client, string? idempotencyKey = null)
    {
        var http = FunctionHttp.Request(Services, HttpMethods.Post, "/api/workshops", [], proposal.ToJsonString(), "application/json",
            idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey });
        return FunctionHttp.RespondAsync(http, Create<WorkshopFunctions>().SubmitWorkshop(http.Request, client));
    }

    /// <summary>Submits the reference proposal and returns the new workshop's id.</summary>
    public async Task<string> SubmitAsync(DurableTaskClient client)
    {
        var submitted = await SubmitAsync(AppServer.ReferenceProposal(), client);
        Assert.True(submitted.Status == StatusCodes.Status202Accepted, submitted.ToString());
        var id = submitted.Json.GetProperty("id").GetString()!;
        Assert.True(await client.WaitUntilStartedAsync(id), $"The workflow of {id} did not start.");
        return id;
    }

    public Task<FunctionResponse> CallAsync<TFunctions>(
        string method, string path, RouteValueDictionary route, Func<TFunctions, HttpRequest, Task<IActionResult>> function, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var http = FunctionHttp.Request(Services, method, path, route, body);
        return FunctionHttp.RespondAsync(http, function(Create<TFunctions>(), http.Request));
    }

    /// <summary>The link the notification would carry in its mail (absolute, under Approvals:PublicBaseUrl).</summary>
    public Uri LinkFor(NotificationKind kind, string workshopId, string to, Role role, Stage stage, int round = 0, string? ministry = null)
    {
        var now = DateTimeOffset.UtcNow;
        var notification = new Notification(Guid.NewGuid().ToString("N"), kind, workshopId, to, role, stage, round, now, now.AddDays(5), ministry);
        return Services.GetRequiredService<LinkIssuer>().LinkFor(notification)!;
    }

    public static string TokenOf(Uri link) => (link ?? throw new ArgumentNullException(nameof(link))).Segments[^1];

    /// <summary>Opens a mailed link on a link function: GET, or POST with form fields when there are any.</summary>
    public Task<FunctionResponse> CallLinkAsync<TFunctions>(
        Uri link, Func<TFunctions, HttpRequest, string, Task<IActionResult>> function, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(function);
        var route = new RouteValueDictionary { ["token"] = TokenOf(link) };
        var http = fields.Length == 0
            ? FunctionHttp.Request(Services, HttpMethods.Get, link.PathAndQuery, route)
            : FunctionHttp.Form(Services, link.PathAndQuery, route, fields);
        return FunctionHttp.RespondAsync(http, function(Create<TFunctions>(), http.Request, TokenOf(link)));
    }

    public Task<FunctionResponse> ShowDecisionAsync(Uri link) =>
        CallLinkAsync<LinkFunctions>(link, (f, req, token) => f.ShowDecision(req, token));

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
