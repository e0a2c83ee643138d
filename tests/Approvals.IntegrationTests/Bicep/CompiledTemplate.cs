using System.Text.Json.Nodes;

namespace Approvals.IntegrationTests.Bicep;

/// <summary>infra/main.bicep compiled once to ARM JSON, with the lookups the template tests need.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    public const string MainBicep = "infra/main.bicep";

    public BicepRun Build { get; private set; } = new(-1, "", "");

    public JsonObject Root { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        if (Build.ExitCode == 0)
        {
            Root = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every template: the main one and those of the module deployments nested in it, depth first.</summary>
    public IEnumerable<JsonObject> Templates() => TemplatesUnder(Root);

    /// <summary>Resources the template deploys (not 'existing' references) of one ARM type, from every module.</summary>
    public IReadOnlyList<JsonObject> Deployed(string type) =>
        Templates().SelectMany(ResourcesOf)
            .Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))
            .Where(r => r["existing"]?.GetValue<bool>() != true)
            .ToList();

    public static IEnumerable<JsonObject> ResourcesOf(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray list => list.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(), // languageVersion 2.0
            _ => [],
        };

    /// <summary>Every string literal below a node (expressions included, as ARM writes them: "[...]").</summary>
    public static IEnumerable<string> Strings(JsonNode? node) =>
        node switch
        {
            JsonObject o => o.SelectMany(p => Strings(p.Value)),
            JsonArray a => a.SelectMany(Strings),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };

    private static IEnumerable<JsonObject> TemplatesUnder(JsonObject template)
    {
        yield return template;
        foreach (var resource in ResourcesOf(template))
        {
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in TemplatesUnder(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>The template tests share one compilation.</summary>
[CollectionDefinition(nameof(BicepTemplate))]
public sealed class BicepTemplate : ICollectionFixture<CompiledTemplate>;
