using System.Text.Json.Serialization;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

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

/// <summary>Puts a receipt on the outbox for whoever acted through a link. A link can be used by anyone who holds it (a
/// colleague the mail was forwarded to, a mail scanner), so the holder of the mailbox learns of every action taken in
/// their name and can raise the alarm.</summary>
public sealed class LinkReceipts(NotificationOutbox outbox, ILogger<LinkReceipts> logger)
{
    /// <summary>Enough of a user agent to recognise a browser, short enough for a mail line.</summary>
    public const int BrowserLength = 160;

    /// <summary>One receipt per recorded decision: its id is the decision's own (workshop, stage, round), so even a
    /// second enqueue of it is sent once.</summary>
    public Task DecisionAsync(HttpContext http, OpenedLink link, StoredDecision decision)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(decision);
        var action = decision.Decision switch
        {
            Decision.Approve => ReceiptAction.Approved,
            Decision.Reject => ReceiptAction.Rejected,
            _ => ReceiptAction.ChangesRequested,
        };
        var role = decision.Stage == Stage.DonorSignOff ? Role.Donor : Role.ProjectManager;
        return EnqueueAsync(http, link, $"{decision.WorkshopId}/receipt/{decision.Stage}/{decision.Round}", role,
            new LinkReceipt(action, decision.At, null, null), decision.Comment);
    }

    public Task SlateAsync(HttpContext http, OpenedLink link, Slate slate)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(slate);
        var receipt = new LinkReceipt(slate.Declined ? ReceiptAction.SlateDeclined : ReceiptAction.SlateSent, slate.SubmittedAt, null, null, slate.Nominees.Count);
        return EnqueueAsync(http, link, $"{link.Workshop.Id}/receipt/slate/{link.TokenId}/{slate.SubmittedAt.UtcTicks}", Role.FocalPoint, receipt, null);
    }

    private async Task EnqueueAsync(HttpContext http, OpenedLink link, string key, Role role, LinkReceipt receipt, string? comment)
    {
        ArgumentNullException.ThrowIfNull(http);
        var claims = link.Claims;
        var notification = new Notification(IdempotencyStore.Hash(key)[..32], NotificationKind.Receipt, link.Workshop.Id, claims.Recipient, role,
            claims.Stage, claims.Round, receipt.At, Ministry: claims.Purpose == LinkPurpose.Nomination ? claims.Party : null, Comment: comment,
            Receipt: receipt with { ClientIp = Clean(LinkGate.ClientIp(http), 64), Browser = Clean(http.Request.Headers.UserAgent.ToString(), BrowserLength) });
        await outbox.EnqueueAsync([notification]);
        logger.LogInformation("Workshop {WorkshopId}: receipt {NotificationId} for {Action} queued for {To}", link.Workshop.Id, notification.Id, receipt.Action, claims.Recipient);
    }

    /// <summary>Header values are the client's to choose: no control characters, and no more than a line of them.</summary>
    private static string? Clean(string? value, int length)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = string.Concat(value.Trim().Select(c => char.IsControl(c) ? ' ' : c));
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
    }
}
