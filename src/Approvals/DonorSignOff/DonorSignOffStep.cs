using Approvals.Notifications;
using Approvals.Review;
using Approvals.Workflow;

namespace Approvals.DonorSignOff;

/// <summary>EU donor sign-off, after nominations close: the donor's programme managers approve the workshop for
/// publication, reject it, or request changes (a resubmission comes back here, the nominations kept). They have
/// <see cref="Timing.DonorTimeout"/> before the request is escalated.</summary>
internal static class DonorSignOffStep
{
    public static DecisionRequest Request(WorkshopRun run) => new(Stage.DonorSignOff, run.Directory.DonorApprovers,
        Role.Donor, NotificationKind.DonorRequest, run.Timing.DonorTimeout, OnApprove: Stage.Published);
}
