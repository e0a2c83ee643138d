using Approvals.Workflow;

namespace Approvals.Handovers;

/// <summary>Staff or a holder asking the workflow to move the request of <paramref name="Stage"/> and
/// <paramref name="Round"/> held by <paramref name="From"/> to <paramref name="To"/>. <paramref name="Ministry"/>
/// narrows a nomination request to one ministry (null: every ministry <paramref name="From"/> holds).
/// <paramref name="Receipt"/> names this request, so the sender can wait for the workflow's answer.</summary>
public sealed record HandoverRequested(
    Stage Stage, int Round, string? Ministry, string From, string To, string? Note, string Actor, HandoverVia Via, DateTimeOffset At, string Receipt);
