namespace Approvals.Workflow;

/// <summary>Who used a link and from where, carried with what they sent (a decision, a slate) so that whoever records
/// it later (the workflow when it takes it, the recovery job after a crash) can still audit it and send the receipt.
/// Fields are cut to the audit's lengths when the request is read.</summary>
public sealed record LinkVisit(string Recipient, string? ClientIp, string? UserAgent, string? ForwardedFor)
{
    /// <summary>The W3C <c>traceparent</c> of the request, so the workflow's steps and mails join its trace (absent on
    /// visits stored or raised before traces were carried, and on a visit the recovery job re-raises).</summary>
    public string? TraceParent { get; init; }
}
