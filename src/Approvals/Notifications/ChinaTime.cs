using System.Globalization;

namespace Approvals.Notifications;

/// <summary>Times as approvers read them: China Standard Time (Asia/Shanghai) with UTC beside it. China has kept
/// UTC+8 without daylight saving since 1991, so a fixed offset is the fallback when the tz database is missing.</summary>
public static class ChinaTime
{
    public static TimeZoneInfo Zone { get; } = Find();

    public static DateTimeOffset ToChina(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    /// <summary>E.g. "Tue 7 Mar 2027 17:00 China Standard Time (UTC+8) = 09:00 UTC".</summary>
    public static string En(DateTimeOffset time)
    {
        var cst = ToChina(time);
        var utc = time.ToUniversalTime();
        var utcPart = utc.Date == cst.Date
            ? utc.ToString("HH:mm", CultureInfo.InvariantCulture)
            : utc.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        return cst.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + $" China Standard Time (UTC+8) = {utcPart} UTC";
    }

    /// <summary>E.g. "2027年3月7日 17:00（北京时间，UTC+8）= UTC 2027-03-07 09:00".</summary>
    public static string Zh(DateTimeOffset time)
    {
        var cst = ToChina(time);
        var utc = time.ToUniversalTime();
        return cst.ToString("yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture)
            + "（北京时间，UTC+8）= UTC " + utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public static string DateEn(DateOnly date) => date.ToString("ddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateZh(DateOnly date) => date.ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture);

    /// <summary>A workshop's dates, both inclusive.</summary>
    public static string RangeEn(DateOnly start, DateOnly end) =>
        start == end ? DateEn(start) : $"{DateEn(start)} – {DateEn(end)} ({end.DayNumber - start.DayNumber + 1} days)";

    public static string RangeZh(DateOnly start, DateOnly end) =>
        start == end ? DateZh(start) : $"{DateZh(start)}至{DateZh(end)}（共{end.DayNumber - start.DayNumber + 1}天）";

    private static TimeZoneInfo Find()
    {
        foreach (var id in new[] { "Asia/Shanghai", "China Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        }

        return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
    }
}
