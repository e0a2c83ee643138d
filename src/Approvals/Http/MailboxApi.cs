using System.Globalization;
using System.Text;
using Approvals.Notifications;
using Approvals.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static Approvals.Http.Html;

namespace Approvals.Http;

/// <summary>The local mailbox for development and tests: <c>GET /dev/mailbox</c> (list), <c>/dev/mailbox/{id}</c> (one
/// mail, its HTML shown in the page with working links, then its text), <c>/dev/mailbox/{id}/raw</c> (.eml) and
/// <c>/dev/mailbox/messages?to=</c> (JSON).</summary>
public sealed class MailboxApi(MailboxStore mailbox, IOptions<ApprovalsOptions> options)
{
    public const int MaxListed = 500;

    public async Task<IResult> MessagesAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var to = http.Request.Query["to"].ToString();
        var messages = await mailbox.ListAsync(to.Length == 0 ? null : to, MaxListed, http.RequestAborted);
        return Results.Json(messages, Json.Options);
    }

    public async Task<IResult> ListPageAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var to = http.Request.Query["to"].ToString();
        var messages = await mailbox.ListAsync(to.Length == 0 ? null : to, MaxListed, http.RequestAborted);
        var sb = new StringBuilder();
        sb.Append("<h1>Local mailbox <span class=\"zh\" lang=\"zh-CN\">本地邮箱</span></h1>");
        if (MailSettings.SmtpHost(options.Value.Mail) is { } host)
        {
            sb.Append("<p class=\"card warn\">Mail goes to the SMTP server ").Append(E(host))
              .Append("; this mailbox holds only what was captured before it was configured.</p>");
        }

        sb.Append("<p class=\"muted\">").Append(messages.Count.ToString(CultureInfo.InvariantCulture))
          .Append(" message(s), newest first").Append(to.Length > 0 ? $" to {E(to)}" : string.Empty)
          .Append(". JSON: <a href=\"/dev/mailbox/messages\">/dev/mailbox/messages</a></p>");
        sb.Append("<div class=\"card\"><table style=\"overflow-wrap:anywhere\"><tr><th>To</th><th>Subject</th><th>Sent</th></tr>");
        foreach (var m in messages)
        {
            sb.Append("<tr><td>").Append(E(m.To)).Append("</td><td><a href=\"/dev/mailbox/").Append(E(m.Id)).Append("\">").Append(E(m.Subject))
              .Append("</a></td><td class=\"muted\">").Append(E(ChinaTime.ToChina(m.SentAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
              .Append(" CST<br>").Append(E(m.SentAt.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC</td></tr>");
        }

        sb.Append("</table></div>");
        return Page("Local mailbox", sb.ToString());
    }

    public async Task<IResult> MessagePageAsync(string id, CancellationToken cancellationToken)
    {
        var m = await mailbox.GetAsync(id, cancellationToken);
        if (m is null) return Message(StatusCodes.Status404NotFound, "No such message", "没有此邮件", "The local mailbox has no message with this id.", "本地邮箱中没有此邮件。");
        var sb = new StringBuilder();
        sb.Append("<p><a href=\"/dev/mailbox\">← Local mailbox</a></p><div class=\"card\"><h1>").Append(E(m.Subject)).Append("</h1><dl style=\"overflow-wrap:anywhere\">")
          .Append("<dt>From</dt><dd>").Append(E(m.From)).Append("</dd>")
          .Append("<dt>To</dt><dd>").Append(E(m.To)).Append("</dd>")
          .Append("<dt>Sent</dt><dd>").Append(E(ChinaTime.En(m.SentAt))).Append("</dd>")
          .Append("<dt>Kind</dt><dd>").Append(E(m.Kind.ToString())).Append("</dd>")
          .Append("<dt>Workshop</dt><dd>").Append(E(m.WorkshopId)).Append("</dd>")
          .Append("<dt>Message-Id</dt><dd>").Append(E(m.MessageId)).Append("</dd>");
        if (m.Attachments.Count > 0) sb.Append("<dt>Attachments</dt><dd>").Append(E(string.Join(", ", m.Attachments))).Append("</dd>");
        sb.Append("<dt>Raw</dt><dd><a href=\"/dev/mailbox/").Append(E(m.Id)).Append("/raw\">").Append(E(m.Id)).Append(".eml</a></dd></dl></div>");
        // The HTML body is the app's own rendering (user text already encoded), shown as a mail client would.
        // The page's table rules must not draw on the mail: keep to what the mail's own inline styles say.
        sb.Append("<style>.mail td,.mail th{border-bottom:0}</style>")
          .Append("<h2>HTML</h2><div class=\"card mail\" style=\"padding:0;overflow:auto\">").Append(BodyOf(m.Html)).Append("</div>")
          .Append("<h2>Text</h2><pre class=\"card\" style=\"white-space:pre-wrap;word-break:break-word\">").Append(E(m.Text)).Append("</pre>");
        return Page(m.Subject, sb.ToString());
    }

    public async Task<IResult> RawAsync(string id, CancellationToken cancellationToken)
    {
        var raw = await mailbox.GetRawAsync(id, cancellationToken);
        return raw is null ? Results.NotFound() : Results.File(raw, "message/rfc822", $"{id}.eml");
    }

    /// <summary>The inside of the mail's &lt;body&gt;, so it can sit inside this page.</summary>
    private static string BodyOf(string html)
    {
        var open = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var start = open < 0 ? -1 : html.IndexOf('>', open);
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return start >= 0 && end > start ? html[(start + 1)..end] : html;
    }
}
