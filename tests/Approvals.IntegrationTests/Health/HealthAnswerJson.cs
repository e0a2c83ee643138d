using System.Text.Json;

namespace Approvals.IntegrationTests.Health;

/// <summary>A probe's answer as a monitoring system reads it: the overall status and each check's.</summary>
public sealed record HealthAnswerJson(string Status, IReadOnlyDictionary<string, JsonElement> Checks)
{
    public static HealthAnswerJson Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement.Clone();
        return new HealthAnswerJson(root.GetProperty("status").GetString()!,
            root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c, StringComparer.Ordinal));
    }

    public string StatusOf(string check) => Checks[check].GetProperty("status").GetString()!;
}
