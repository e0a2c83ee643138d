using System.Diagnostics;

namespace Approvals.Storage;

/// <summary>Which code sent a storage request: the first three frames of the current stack outside the storage SDK, the
/// runtime and this counter. An async method shows up by its state machine, so the name is taken from it.</summary>
internal static class RequestOrigin
{
    private static readonly string[] Skipped =
    [
        "Azure.", "System.", "Microsoft.Extensions.", "DurableTask.AzureStorage.Storage.", "DurableTask.AzureStorage.Throttling",
        "Approvals.Storage.StorageRequestCounts", "Approvals.Storage.RequestOrigin", "Approvals.Storage.TableExtensions",
    ];

    public static string OfCaller()
    {
        var names = new List<string>(3);
        foreach (var frame in new StackTrace(2, fNeedFileInfo: false).GetFrames())
        {
            if (frame.GetMethod() is not { DeclaringType: { } type } method) continue;
            var full = type.FullName ?? type.Name;
            if (Skipped.Any(s => full.StartsWith(s, StringComparison.Ordinal))) continue;
            var name = NameOf(type, method.Name);
            if (names.Count == 0 || names[^1] != name) names.Add(name);
            if (names.Count == 3) break;
        }

        return names.Count == 0 ? "(unknown)" : string.Join(" <- ", names);
    }

    /// <summary><c>WorkshopStore.GetAsync</c> from <c>WorkshopStore+&lt;GetAsync&gt;d__5.MoveNext</c>.</summary>
    private static string NameOf(Type type, string method)
    {
        if (type.Name.StartsWith('<') && type.DeclaringType is { } outer)
        {
            var end = type.Name.IndexOf('>', StringComparison.Ordinal);
            return $"{outer.Name}.{type.Name[1..end]}";
        }

        return $"{type.Name}.{method}";
    }
}
