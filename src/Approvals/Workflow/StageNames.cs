namespace Approvals.Workflow;

/// <summary>A stage as people read it, in both languages of the pages and mails.</summary>
public sealed record StageName(string En, string Zh)
{
    public override string ToString() => $"{En} / {Zh}";
}

/// <summary>The one table of stage names for pages and mails: the enum's names are for APIs and tables only.</summary>
public static class StageNames
{
    private static readonly Dictionary<Stage, StageName> Names = new()
    {
        [Stage.InternalReview] = new("Internal review", "内部审核"),
        [Stage.ChangesRequested] = new("Changes requested", "需修改"),
        [Stage.Nominations] = new("Nominations", "提名"),
        [Stage.DonorSignOff] = new("Donor sign-off", "捐助方签批"),
        [Stage.Published] = new("Published", "已发布"),
        [Stage.Rejected] = new("Rejected", "已拒绝"),
        [Stage.Cancelled] = new("Cancelled", "已取消"),
        [Stage.Expired] = new("Expired", "已过期"),
    };

    public static StageName Name(this Stage stage) => Names[stage];

    /// <summary>The stages in the order a workshop goes through them, the ends last.</summary>
    public static IReadOnlyList<Stage> InOrder { get; } = Enum.GetValues<Stage>();
}
