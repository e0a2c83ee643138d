using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Review;

/// <summary>Internal review: the project managers approve the proposal (ministries are then invited to nominate),
/// reject it, or request changes. They have <see cref="Timing.ReviewTimeout"/> before the request is escalated.</summary>
internal static class ReviewStep
{
    public static DecisionRequest Request(WorkshopRun run) => new(Stage.InternalReview, run.Directory.ProjectManagers,
        Role.ProjectManager, NotificationKind.ReviewRequest, run.Timing.ReviewTimeout, OnApprove: Stage.Nominations);
}
