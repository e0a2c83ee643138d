using System.Text.Json;
using Approvals.Nominations;

namespace Approvals.Contacts;

/// <summary>Reads a directory document (the shape of <c>samples/directory.json</c>) and says, field by field, what is wrong
/// with it: every address valid and listed once, every ministry with a unique code, an English and a Chinese name and
/// at least one focal point.</summary>
public static class DirectoryReader
{
    public const int MaxCodeLength = 20;
    public const int MaxNameLength = 200;
    public const int MaxAddresses = 100;
    public const int MaxMinistries = 200;

    public static (ProjectDirectory? Directory, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement root)
    {
        try
        {
            return ReadValid(root);
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 parses but cannot be read.
            return (null, new Dictionary<string, string[]> { ["$"] = ["The directory holds text that is not valid UTF-8."] });
        }
    }

    private static (ProjectDirectory? Directory, IReadOnlyDictionary<string, string[]> Errors) ReadValid(JsonElement root)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            Add("$", "Send the directory as a JSON object with projectManagers, donorApprovers, escalation and ministries.");
            return (null, Freeze(errors));
        }

        var managers = Addresses(root, "projectManagers", Add);
        var donors = Addresses(root, "donorApprovers", Add);
        var escalation = Addresses(root, "escalation", Add);
        var ministries = new List<Ministry>();
        if (!root.TryGetProperty("ministries", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            Add("ministries", "Is required: a list of ministries, each with code, nameEn, nameZh and focalPoints.");
        }
        else if (list.GetArrayLength() > MaxMinistries)
        {
            Add("ministries", $"Must list at most {MaxMinistries} ministries.");
        }
        else
        {
            var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            foreach (var m in list.EnumerateArray())
            {
                var at = $"ministries[{i}]";
                if (m.ValueKind != JsonValueKind.Object)
                {
                    Add(at, "Must be an object with code, nameEn, nameZh and focalPoints.");
                    i++;
                    continue;
                }

                var code = Text(m, "code");
                if (code is null || code.Length > MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    Add($"{at}.code", $"Is required: 1 to {MaxCodeLength} letters, digits, '-' or '_'.");
                }
                else if (codes.TryGetValue(code, out var first))
                {
                    Add($"{at}.code", $"{code} is already the code of ministries[{first}]: codes must be unique.");
                }
                else
                {
                    codes[code] = i;
                }

                var nameEn = Text(m, "nameEn");
                if (nameEn is null || nameEn.Length > MaxNameLength || nameEn.Any(char.IsControl))
                {
                    Add($"{at}.nameEn", $"Is required: the English name, at most {MaxNameLength} characters on one line.");
                }

                var nameZh = Text(m, "nameZh");
                if (nameZh is null || nameZh.Length > MaxNameLength || nameZh.Any(char.IsControl) || !nameZh.Any(IsHan))
                {
                    Add($"{at}.nameZh", $"Is required: the Chinese name (in Chinese characters), at most {MaxNameLength} characters on one line.");
                }

                var focalPoints = Addresses(m, "focalPoints", (field, message) => Add($"{at}.{field}", message));
                ministries.Add(new Ministry(code ?? string.Empty, nameEn ?? string.Empty, nameZh ?? string.Empty, focalPoints));
                i++;
            }
        }

        return errors.Count > 0 ? (null, Freeze(errors)) : (new ProjectDirectory(managers, donors, escalation, ministries), Freeze(errors));
    }

    private static List<string> Addresses(JsonElement parent, string key, Action<string, string> add)
    {
        var found = new List<string>();
        if (!parent.TryGetProperty(key, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            add(key, "Is required: a list of at least one email address.");
            return found;
        }

        if (list.GetArrayLength() > MaxAddresses)
        {
            add(key, $"Must list at most {MaxAddresses} addresses.");
            return found;
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var address = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (!SlateRules.IsEmail(address)) add($"{key}[{i}]", "Must be an email address.");
            else if (found.Contains(address!, StringComparer.OrdinalIgnoreCase)) add($"{key}[{i}]", $"{address} is listed twice.");
            else found.Add(address!);
            i++;
        }

        return found;
    }

    private static string? Text(JsonElement parent, string key) =>
        parent.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
