namespace Approvals.Workflow;

/// <summary>A stage as people read it, in both languages: <see cref="En"/> as a heading or label,
/// <see cref="EnInSentence"/> inside a mail's sentence ("is now in ministry nominations").</summary>
public sealed record StageName(string En, string Zh, string EnInSentence)
{
    public override string ToString() => $"{En} / {Zh}";
}

/// <summary>The one table of stage names for pages and mails: the enum's names are for APIs and tables only.</summary>
public static class StageNames
{
    private static readonly Dictionary<Stage, StageName> Names = new()
    {
        [Stage.InternalReview] = new("Internal review", "内部审核", "internal review"),
        [Stage.ChangesRequested] = new("Changes requested", "待修改", "changes requested"),
        [Stage.Nominations] = new("Ministry nominations", "部委提名", "ministry nominations"),
        [Stage.DonorSignOff] = new("EU donor sign-off", "欧盟捐助方审批", "EU donor sign-off"),
        [Stage.Published] = new("Published", "已发布", "published"),
        [Stage.Rejected] = new("Rejected", "未获批准", "rejected"),
        [Stage.Cancelled] = new("Cancelled", "已取消", "cancelled"),
        [Stage.Expired] = new("Expired", "已过期", "expired"),
        [Stage.Held] = new("Held", "已举办", "held"),
    };

    public static StageName Name(this Stage stage) => Names[stage];

    /// <summary>The stages in the order a workshop goes through them, the ends last.</summary>
    public static IReadOnlyList<Stage> InOrder { get; } = Enum.GetValues<Stage>();
}
