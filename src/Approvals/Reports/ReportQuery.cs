using System.Globalization;
using Approvals.Status;
using Microsoft.AspNetCore.Http;

namespace Approvals.Reports;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReportFormat>))]
public enum ReportFormat
{
    Csv,
    Xlsx,
}

/// <summary>The query of <c>GET /api/reports/participants?from=&amp;to=&amp;format=</c>: the workshops that start on a
/// day from <see cref="From"/> to <see cref="To"/> (both included, dates as the proposals give them), as CSV or XLSX.</summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, ReportFormat Format)
{
    public const string FromParameter = "from";
    public const string ToParameter = "to";
    public const string FormatParameter = "format";

    /// <summary>A report reads every published workshop in its period; ten years is more than any programme reports on.</summary>
    public const int MaxDays = 3660;

    public static (ReportQuery? Query, InvalidParameter? Error) Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Day(query, FromParameter) is not { } from) return (null, Invalid(query, FromParameter));
        if (Day(query, ToParameter) is not { } to) return (null, Invalid(query, ToParameter));
        if (to < from) return (null, new InvalidParameter(ToParameter, "Must be on or after from.", "不得早于 from。"));
        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            return (null, new InvalidParameter(ToParameter, $"The period may cover at most {MaxDays} days.", $"时间范围最多 {MaxDays} 天。"));
        }

        var format = query[FormatParameter].ToString();
        if (format.Length == 0) return (new ReportQuery(from, to, ReportFormat.Csv), null);
        return Enum.TryParse<ReportFormat>(format, ignoreCase: true, out var f) && Enum.IsDefined(f) && !format.Any(char.IsDigit)
            ? (new ReportQuery(from, to, f), null)
            : (null, new InvalidParameter(FormatParameter, $"'{TextClip.Clip(format, 20)}' is not a format: use csv or xlsx.", $"“{TextClip.Clip(format, 20)}”不是可用格式：请用 csv 或 xlsx。"));
    }

    public string FileName() =>
        string.Create(CultureInfo.InvariantCulture, $"participants-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}.{Format.ToString().ToLowerInvariant()}");

    private static DateOnly? Day(IQueryCollection query, string name) =>
        DateOnly.TryParseExact(query[name].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static InvalidParameter Invalid(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value
        ? new(name, $"'{TextClip.Clip(value, 40)}' is not a date: write it as 2026-11-30.", $"“{TextClip.Clip(value, 40)}”不是日期：请写作 2026-11-30。")
        : new(name, "Required: a date such as 2026-11-30.", "必填：日期，例如 2026-11-30。");
}
