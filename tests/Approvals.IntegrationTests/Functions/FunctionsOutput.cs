using System.Reflection;
using System.Text.Json;
using Approvals.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Functions;

/// <summary>One function as the Functions SDK generated it into functions.metadata.</summary>
public sealed record FunctionMetadata(string Name, string EntryPoint, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>The binding that triggers the function (exactly one per function).</summary>
    public FunctionBinding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));
}

public sealed record FunctionBinding(
    string Name, string Type, string Direction, string? Route, IReadOnlyList<string> Methods, string? AuthLevel, string? QueueName, string? Connection, string? Schedule);

/// <summary>
/// The Functions app as <c>dotnet build</c> leaves it for Azure: src/Approvals.Functions/bin/&lt;configuration&gt;/&lt;framework&gt;/,
/// with the functions.metadata the SDK generates from the [Function] attributes and the host.json linked from the root.
/// </summary>
public static class FunctionsOutput
{
    public static string Folder => ProjectOutput("Approvals.Functions");

    /// <summary>src/&lt;project&gt;/bin/&lt;this build's configuration&gt;/&lt;framework&gt;/, where dotnet build puts that project.</summary>
    public static string ProjectOutput(string project)
    {
        var configuration = typeof(FunctionsOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var folder = Path.Combine(RepositoryRoot.Path, "src", project, "bin", configuration, framework);
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"{project} is not built: {folder} is missing. Run dotnet build (the solution or this test project).");
    }

    public static string HostJson => Existing(Path.Combine(Folder, "host.json"));

    public static IReadOnlyList<FunctionMetadata> Metadata()
    {
        var path = Existing(Path.Combine(Folder, "functions.metadata"));
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => new FunctionMetadata(
            f.GetProperty("name").GetString()!,
            f.GetProperty("entryPoint").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Select(b => new FunctionBinding(
                b.GetProperty("name").GetString()!,
                b.GetProperty("type").GetString()!,
                b.GetProperty("direction").GetString()!,
                Text(b, "route"),
                b.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToList() : [],
                Text(b, "authLevel"),
                Text(b, "queueName"),
                Text(b, "connection"),
                Text(b, "schedule"))).ToList())).ToList();
    }

    /// <summary>host.json's <c>extensions:http:routePrefix</c>; the Functions host puts <c>api</c> before every route when it is absent.</summary>
    public static string RoutePrefix() =>
        new ConfigurationBuilder().AddJsonFile(HostJson).Build()["extensions:http:routePrefix"] ?? "api";

    /// <summary>The address an HTTP function answers on, as the Functions host composes it: <c>/{routePrefix}/{route}</c>, the route defaulting to the function's name.</summary>
    public static string PathOf(FunctionMetadata function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var prefix = RoutePrefix().Trim('/');
        var route = (function.Trigger.Route ?? function.Name).Trim('/');
        return "/" + string.Join('/', new[] { prefix, route }.Where(s => s.Length > 0));
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string Existing(string path) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: the Functions SDK writes it when src/Approvals.Functions builds. Run dotnet build.", path);
}
