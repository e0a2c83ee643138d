using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Status;

/// <summary>A query parameter that is wrong, and why, in both languages of the pages.</summary>
public sealed record InvalidParameter(string Name, string Reason, string ReasonZh);

/// <summary>The outcome of reading the list query: the query, or the first parameter that is wrong.</summary>
public sealed record WorkshopListQueryReading(WorkshopListQuery? Query, InvalidParameter? Error);

/// <summary>The filter of <c>GET /api/workshops</c> and of the dashboard: <c>stage</c> (a stage name), <c>overdue</c>
/// (true or false) and <c>continuationToken</c> (from the previous page).</summary>
public sealed record WorkshopListQuery(Stage? Stage, bool OverdueOnly, string? ContinuationToken)
{
    public const int PageSize = 50;
    public const string StageParameter = "stage";
    public const string OverdueParameter = "overdue";
    public const string TokenParameter = "continuationToken";

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

        var overdue = false;
        if (query[OverdueParameter].ToString() is { Length: > 0 } o && !bool.TryParse(o, out overdue))
        {
            return Invalid(new(OverdueParameter, "Must be true or false.", "必须为 true 或 false。"));
        }

        var token = query[TokenParameter].ToString();
        return new WorkshopListQueryReading(new WorkshopListQuery(stage, overdue, token.Length == 0 ? null : token), null);
    }

    private static WorkshopListQueryReading Invalid(InvalidParameter error) => new(null, error);
}
