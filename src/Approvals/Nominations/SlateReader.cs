using System.Globalization;
using System.Text.Json;
using Approvals.Http;
using Approvals.Proposals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Approvals.Nominations;

/// <summary>A slate as a ministry sent it, before <see cref="SlateRules"/>: the nominees, a decline, the fields that
/// could not be read, or the problem that stops reading altogether.</summary>
public sealed record SlateDraft(IReadOnlyList<Nominee> Nominees, bool Decline, IReadOnlyDictionary<string, string[]> Errors, IResult? Problem = null);

/// <summary>Reads a slate from the form of the nomination page or from a JSON <see cref="SlateRequest"/>.</summary>
public static class SlateReader
{
    /// <summary>The box a person ticks to decline; without it a decline sent from the form records nothing.</summary>
    public const string ConfirmDecline = "confirmDecline";

    /// <summary>Form rows beyond this index are ignored; a page never has that many (a quota is at most the capacity).</summary>
    public const int MaxRows = ProposalReader.MaxCapacity;

    /// <summary>The largest slate as JSON: a thousand nominees with every field at its limit, even written as
    /// <c>\uXXXX</c> escapes, fit.</summary>
    public const int MaxJsonBytes = 8 * 1024 * 1024;

    /// <summary>The nomination form at the largest quota: five fields a row, each value at most a few hundred
    /// characters. ASP.NET Core's defaults (1,024 values) would refuse a quota above 204 with a 500; these are given to
    /// the form reader here so both hosts read the form alike.</summary>
    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = (MaxRows * 5) + 16,
        ValueLengthLimit = 16 * 1024,
        KeyLengthLimit = 256,
        BufferBodyLengthLimit = 16 * 1024 * 1024,
        MultipartBodyLengthLimit = 16 * 1024 * 1024,
    };

    private const string FieldPrefix = "nominees[";

    public static async Task<SlateDraft> FromFormAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return FromForm(await request.ReadFormAsync(FormLimits, request.HttpContext.RequestAborted));
        }
        catch (InvalidDataException)
        {
            return new SlateDraft([], false, new Dictionary<string, string[]>(), Pages.Message(StatusCodes.Status413PayloadTooLarge,
                "The form is too large", "表单过大",
                $"The form has more fields or longer values than a slate of {MaxRows} nominees can have. Nothing was recorded.",
                $"表单的字段数量或长度超过 {MaxRows} 名学员名单的上限。未作任何记录。"));
        }
    }

    public static SlateDraft FromForm(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.Equals(form["decline"], "true", StringComparison.OrdinalIgnoreCase))
        {
            if (string.Equals(form[ConfirmDecline], "yes", StringComparison.OrdinalIgnoreCase)) return new SlateDraft([], true, errors);
            errors[ConfirmDecline] = ["Nothing was recorded: tick the box to confirm that your ministry will not nominate anyone, then press Decline. / 尚未记录：请勾选确认本单位不提名任何人，然后按“不参加”。"];
            return new SlateDraft([], false, errors);
        }

        var nominees = new List<Nominee>();
        foreach (var i in RowIndices(form.Keys))
        {
            string F(string name) => form[FieldName(i, name)].ToString().Trim();
            var row = new NomineeRequest(F("name"), F("nameZh"), F("position"), F("sex"), F("email"));
            if (row is { Name: "", NameZh: "", Position: "", Email: "" }) continue; // an unused row of the page
            nominees.Add(Read(row, nominees.Count, errors));
        }

        return new SlateDraft(nominees, false, errors);
    }

    public static async Task<SlateDraft> FromJsonAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync(request, MaxJsonBytes);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Problem is not null) return new SlateDraft([], false, errors, body.Problem);
        if (body.Root.ValueKind != JsonValueKind.Object) return Invalid("$", "Send a JSON object.");
        SlateRequest slate;
        try
        {
            slate = body.Root.Deserialize<SlateRequest>(Json.Options)!;
        }
        catch (JsonException e)
        {
            return Invalid(e.Path is { Length: > 2 } path ? path[2..] : "$", "This value has the wrong type; see the example in the README.");
        }

        if (slate.Decline) return new SlateDraft([], true, errors);
        if (slate.Nominees is null) return Invalid("nominees", "Send an array of nominees, or \"decline\": true.");
        var nominees = new List<Nominee>();
        foreach (var row in slate.Nominees)
        {
            nominees.Add(Read(row ?? new NomineeRequest(null, null, null, null, null), nominees.Count, errors));
        }

        return new SlateDraft(nominees, false, errors);

        SlateDraft Invalid(string field, string message) =>
            new([], false, errors, Problems.Field(StatusCodes.Status400BadRequest, field, message, "Invalid slate."));
    }

    public static string FieldName(int row, string field) => string.Create(CultureInfo.InvariantCulture, $"{FieldPrefix}{row}].{field}");

    private static Nominee Read(NomineeRequest row, int index, Dictionary<string, string[]> errors)
    {
        static string T(string? text) => text?.Trim() ?? string.Empty;
        if (!TryParseSex(T(row.Sex), out var sex)) errors[FieldName(index, "sex")] = ["Choose female, male or undisclosed."];
        return new Nominee(T(row.Name), T(row.NameZh) is { Length: > 0 } zh ? zh : null, T(row.Position), sex, T(row.Email));
    }

    /// <summary>The row numbers of the form's <c>nominees[i].field</c> keys, in order.</summary>
    private static IEnumerable<int> RowIndices(IEnumerable<string> keys) => keys
        .Select(k => k.StartsWith(FieldPrefix, StringComparison.Ordinal) && k.IndexOf(']', StringComparison.Ordinal) is var end && end > FieldPrefix.Length
            && int.TryParse(k.AsSpan(FieldPrefix.Length, end - FieldPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
        .Where(i => i is >= 0 and < MaxRows)
        .Distinct()
        .Order();

    private static bool TryParseSex(string text, out Sex sex) =>
        Enum.TryParse(text, ignoreCase: true, out sex) && Enum.IsDefined(sex) && !int.TryParse(text, out _);
}
