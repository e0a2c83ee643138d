using System.Globalization;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Status;

/// <summary>A query parameter that is wrong, and why, in both languages of the pages.</summary>
public sealed record InvalidParameter(string Name, string Reason, string ReasonZh);

/// <summary>The outcome of reading the list query: the query, or the first parameter that is wrong.</summary>
public sealed record WorkshopListQueryReading(WorkshopListQuery? Query, InvalidParameter? Error);

/// <summary>The filter of <c>GET /api/workshops</c> and of the dashboard: <c>stage</c> (a stage name), <c>overdue</c> and
/// <c>stuck</c> (true or false), <c>from</c> and <c>to</c> (submission dates, yyyy-MM-dd, China time, both included),
/// <c>q</c> (words in the title) and <c>continuationToken</c> (from the previous page).</summary>
public sealed record WorkshopListQuery(WorkshopFilter Filter, string? ContinuationToken)
{
    public const int PageSize = 50;
    public const string StageParameter = "stage";
    public const string OverdueParameter = "overdue";
    public const string StuckParameter = "stuck";
    public const string FromParameter = "from";
    public const string ToParameter = "to";
    public const string TextParameter = "q";
    public const string TokenParameter = "continuationToken";
    private const int MaxText = 200;

    /// <summary>What to say when the table service refuses the token: it can only tell once the page is read.</summary>
    public static readonly InvalidParameter RejectedToken =
        new(TokenParameter, "Is not a token this list returned.", "不是此列表返回的令牌。");

    public static WorkshopListQueryReading Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Stage? stage = null;
        if (query[StageParameter].ToString() is { Length: > 0 } s)
        {
            // Names only: Enum.TryParse would also take "3" and stage numbers are not part of the API.
            if (!Enum.TryParse<Stage>(s, ignoreCase: true, out var parsed) || int.TryParse(s, out _))
            {
                var names = string.Join(", ", Enum.GetNames<Stage>());
                return Invalid(new(StageParameter, $"Unknown stage '{s}'. Use one of {names}.", $"未知阶段“{s}”。可用：{names}。"));
            }

            stage = parsed;
        }

        if (!Flag(query, OverdueParameter, out var overdue)) return Invalid(NotAFlag(OverdueParameter));
        if (!Flag(query, StuckParameter, out var stuck)) return Invalid(NotAFlag(StuckParameter));
        if (!Day(query, FromParameter, out var from)) return Invalid(NotADay(FromParameter));
        if (!Day(query, ToParameter, out var to)) return Invalid(NotADay(ToParameter));
        if (from > to)
        {
            return Invalid(new(ToParameter, "Is before 'from'.", "早于“from”。"));
        }

        var text = query[TextParameter].ToString().Trim();
        if (text.Length > MaxText)
        {
            return Invalid(new(TextParameter, $"Is longer than {MaxText} characters.", $"超过 {MaxText} 个字符。"));
        }

        var token = query[TokenParameter].ToString();
        var filter = new WorkshopFilter(stage, overdue, stuck, from, to, text.Length == 0 ? null : text);
        return new WorkshopListQueryReading(new WorkshopListQuery(filter, token.Length == 0 ? null : token), null);
    }

    private static bool Flag(IQueryCollection query, string name, out bool value)
    {
        value = false;
        return query[name].ToString() is not { Length: > 0 } text || bool.TryParse(text, out value);
    }

    private static bool Day(IQueryCollection query, string name, out DateOnly? value)
    {
        value = null;
        if (query[name].ToString() is not { Length: > 0 } text) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        value = day;
        return true;
    }

    private static InvalidParameter NotAFlag(string name) => new(name, "Must be true or false.", "必须为 true 或 false。");

    private static InvalidParameter NotADay(string name) => new(name, "Must be a date as yyyy-MM-dd.", "必须是 yyyy-MM-dd 格式的日期。");

    private static WorkshopListQueryReading Invalid(InvalidParameter error) => new(null, error);
}
