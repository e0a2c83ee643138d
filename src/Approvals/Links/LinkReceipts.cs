using System.Text.Json.Serialization;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Approvals.Http;

namespace Approvals.Links;

[JsonConverter(typeof(JsonStringEnumConverter<ReceiptAction>))]
public enum ReceiptAction
{
    Approved,
    ChangesRequested,
    Rejected,
    SlateSent,
    SlateDeclined,
}

/// <summary>What a link recorded, when, and from which client, as the receipt mail tells the person who acted.</summary>
public sealed record LinkReceipt(ReceiptAction Action, DateTimeOffset At, string? ClientIp, string? Browser, int Nominees = 0);

/// <summary>The receipt for whoever acted through a link. A link can be used by anyone who holds it (a colleague the
/// mail was forwarded to, a mail scanner), so the holder of the mailbox learns of every action taken in their name and
/// can raise the alarm. The workflow sends it when it takes what the link sent (never for something it does not use),
/// with an id fixed by the action, so a step run again sends it once.</summary>
public static class LinkReceipts
{
    /// <summary>Enough of a user agent to recognise a browser, short enough for a mail line.</summary>
    public const int BrowserLength = 160;

    /// <summary>The request's client as the audit and the receipt keep it.</summary>
    public static LinkVisit Visit(HttpContext http, string recipient)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new LinkVisit(recipient, Clean(LinkGate.ClientIp(http), AuditRow.MaxClientIp),
            Clean(http.Request.Headers.UserAgent.ToString(), AuditRow.MaxUserAgent), Clean(ClientAddress.ForwardedFor(http), AuditRow.MaxUserAgent))
        {
            TraceParent = ApprovalsTelemetry.CurrentTraceParent(),
        };
    }

    /// <summary>One receipt per decision: its id is the decision's own (workshop, stage, round).</summary>
    public static Notification Decision(string workshopId, DecisionRecorded decision, LinkVisit via)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var action = decision.Decision switch
        {
            Workflow.Decision.Approve => ReceiptAction.Approved,
            Workflow.Decision.Reject => ReceiptAction.Rejected,
            _ => ReceiptAction.ChangesRequested,
        };
        var role = decision.Stage == Stage.DonorSignOff ? Role.Donor : Role.ProjectManager;
        return Build($"{workshopId}/receipt/{decision.Stage}/{decision.Round}", workshopId, via, role, decision.Stage, decision.Round, null,
            decision.Comment, new LinkReceipt(action, decision.At, null, null));
    }

    /// <summary>One receipt per slate sent: its id is the link's and the moment it was sent.</summary>
    public static Notification Slate(string workshopId, int round, SlateSubmitted submitted, LinkVisit via)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        var slate = submitted.Slate;
        return Build($"{workshopId}/receipt/slate/{submitted.TokenId}/{slate.SubmittedAt.UtcTicks}", workshopId, via, Role.FocalPoint,
            Stage.Nominations, round, slate.Ministry, null,
            new LinkReceipt(slate.Declined ? ReceiptAction.SlateDeclined : ReceiptAction.SlateSent, slate.SubmittedAt, null, null, slate.Nominees.Count));
    }

    private static Notification Build(string key, string workshopId, LinkVisit via, Role role, Stage stage, int round, string? ministry,
        string? comment, LinkReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(via);
        return new Notification(IdempotencyStore.Hash(key)[..32], NotificationKind.Receipt, workshopId, via.Recipient, role, stage, round, receipt.At,
            Ministry: ministry, Comment: comment, Receipt: receipt with { ClientIp = via.ClientIp, Browser = Clean(via.UserAgent, BrowserLength) });
    }

    /// <summary>Header values are the client's to choose: no control characters, and no more than a line of them.</summary>
    private static string? Clean(string? value, int length)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = string.Concat(value.Trim().Select(c => char.IsControl(c) ? ' ' : c));
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
    }
}
