using System.Globalization;
using System.Text.RegularExpressions;
using Approvals.Status;
using Microsoft.AspNetCore.Http;

namespace Approvals.Audit;

/// <summary>The time range of <c>GET /api/audit.csv?from=&amp;to=</c>: from inclusive, to exclusive, in UTC.</summary>
public sealed partial record AuditRange(DateTimeOffset From, DateTimeOffset To)
{
    public const string FromParameter = "from";
    public const string ToParameter = "to";

    /// <summary>The longest range one export covers: each day is one partition read, so this bounds the work of a request.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    /// <summary>Without <c>from</c>, an export covers this much before <c>to</c>.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(30);

    /// <summary>Reads the range: a date alone (<c>2026-11-30</c>) means that whole UTC day, so <c>from=2026-11-01&amp;to=2026-11-30</c>
    /// is all of November; a time needs its offset (<c>2026-11-01T08:00:00+08:00</c>, or <c>Z</c> for UTC).</summary>
    public static (AuditRange? Range, InvalidParameter? Error) Read(IQueryCollection query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var to = now;
        if (query[ToParameter].ToString() is { Length: > 0 } t)
        {
            if (Parse(t) is not { } end) return (null, Invalid(ToParameter, t));
            to = end.DateOnly ? end.At.AddDays(1) : end.At;
        }

        var from = to - DefaultSpan;
        if (query[FromParameter].ToString() is { Length: > 0 } f)
        {
            if (Parse(f) is not { } start) return (null, Invalid(FromParameter, f));
            from = start.At;
        }

        if (from >= to)
        {
            return (null, new InvalidParameter(ToParameter, "Must be after from.", "必须晚于 from。"));
        }

        if (to - from > MaxSpan)
        {
            return (null, new InvalidParameter(ToParameter, $"The range may cover at most {MaxSpan.TotalDays:0} days; export a longer period in parts.",
                $"时间范围最多 {MaxSpan.TotalDays:0} 天；更长的时期请分段导出。"));
        }

        return (new AuditRange(from, to), null);
    }

    /// <summary>A name for the download that says what it covers: the first and last UTC day.</summary>
    public string FileName() => string.Create(CultureInfo.InvariantCulture, $"audit-{From.UtcDateTime:yyyy-MM-dd}-to-{To.UtcDateTime.AddTicks(-1):yyyy-MM-dd}.csv");

    private static InvalidParameter Invalid(string name, string value) => new(name,
        $"'{TextClip.Clip(value, 40)}' is not a date (2026-11-30) or a time with its offset (2026-11-30T08:00:00Z; send '+' as %2B).",
        $"“{TextClip.Clip(value, 40)}”不是日期（2026-11-30）或带时区偏移的时间（2026-11-30T08:00:00Z；“+”请写作 %2B）。");

    private static (DateTimeOffset At, bool DateOnly)? Parse(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
        }

        // A time without an offset would be read in the server's own zone, which differs between hosts.
        if (!HasOffset().IsMatch(value)) return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? (at.ToUniversalTime(), false) : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HasOffset();
}
