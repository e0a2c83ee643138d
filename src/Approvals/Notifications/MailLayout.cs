using System.Net;
using System.Text;

namespace Approvals.Notifications;

/// <summary>Lays out a <see cref="BilingualMail"/> as HTML (inline styles only: mail clients drop style sheets; no
/// scripts, no remote images or fonts) and as the plain-text alternative. English first, Chinese below.</summary>
internal static class MailLayout
{
    private const string Font = "system-ui,-apple-system,'Segoe UI',Roboto,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif";
    private const string Card = "background:#ffffff;border:1px solid #d8dde3;border-radius:8px;padding:16px;margin:12px 0";
    private const string Muted = "color:#5c6670;font-size:13px";
    private const string Rule = "----------------------------------------";

    public static string Html(string subject, BilingualMail mail)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
          .Append("<title>").Append(E(subject)).Append("</title></head>")
          .Append("<body style=\"margin:0;padding:0;background:#f6f7f9\">")
          .Append("<div style=\"max-width:640px;margin:0 auto;padding:16px;font-family:").Append(Font).Append(";font-size:15px;line-height:1.5;color:#1b1f24\">");
        foreach (var section in new[] { mail.En, mail.Zh })
        {
            sb.Append("<div lang=\"").Append(section.Language).Append("\" style=\"").Append(Card).Append("\">");
            var headings = 0;
            foreach (var block in section.Blocks) AppendHtml(sb, block, section.Language, block is HeadingBlock && headings++ == 0);
            sb.Append("</div>");
        }

        sb.Append("<p style=\"").Append(Muted).Append("\">").Append(E(FooterEn)).Append("<br>")
          .Append("<span lang=\"zh-CN\">").Append(E(FooterZh)).Append("</span></p>")
          .Append("</div></body></html>");
        return sb.ToString();
    }

    public static string Text(BilingualMail mail)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var section in new[] { mail.En, mail.Zh })
        {
            if (!first) sb.Append(Rule).Append("\n\n");
            first = false;
            foreach (var block in section.Blocks) AppendText(sb, block, section.Language);
        }

        sb.Append(Rule).Append('\n').Append(FooterEn).Append('\n').Append(FooterZh).Append('\n');
        return sb.ToString();
    }

    private const string FooterEn = "Sent automatically by Approvals (EU-China Dialogue on Migration and Mobility Support Project). Replies are not read.";
    private const string FooterZh = "此邮件由审批系统自动发送（中欧移民与人员流动对话支持项目），请勿直接回复。";

    /// <summary>Mails encode on their own, not through the pages' layout, so a change to the pages cannot change a mail.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string CopyHint(string language) => language == "en"
        ? "If the button does not open, copy this address into your browser:"
        : "如果按钮无法打开，请将以下地址复制到浏览器中：";

    private static void AppendHtml(StringBuilder sb, MailBlock block, string language, bool firstHeading)
    {
        switch (block)
        {
            case HeadingBlock h when firstHeading:
                sb.Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 12px\">").Append(E(h.Text)).Append("</h1>");
                break;
            case HeadingBlock h:
                sb.Append("<h2 style=\"font-size:17px;line-height:1.3;margin:20px 0 8px\">").Append(E(h.Text)).Append("</h2>");
                break;
            case ParagraphBlock p:
                sb.Append("<p style=\"margin:0 0 12px\">").Append(E(p.Text)).Append("</p>");
                break;
            case NoteBlock n:
                sb.Append("<p style=\"margin:0 0 12px;").Append(Muted).Append("\">").Append(E(n.Text)).Append("</p>");
                break;
            case QuoteBlock q:
                sb.Append("<p style=\"margin:0 0 4px;font-weight:600\">").Append(E(q.Label)).Append("</p>")
                  .Append("<blockquote style=\"margin:0 0 12px;padding:8px 12px;border-left:4px solid #8a5a00;background:#fff8e6;white-space:pre-wrap\">")
                  .Append(E(q.Text)).Append("</blockquote>");
                break;
            case FactsBlock f:
                sb.Append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 12px\">");
                foreach (var (label, value) in f.Facts)
                {
                    sb.Append("<tr><th style=\"text-align:left;vertical-align:top;padding:2px 12px 2px 0;white-space:nowrap\">").Append(E(label))
                      .Append("</th><td style=\"padding:2px 0;white-space:pre-line\">").Append(E(value)).Append("</td></tr>");
                }

                sb.Append("</table>");
                break;
            case TableBlock t:
                sb.Append("<table style=\"border-collapse:collapse;width:100%;margin:0 0 12px;font-size:14px\"><tr>");
                foreach (var head in t.Header)
                {
                    sb.Append("<th style=\"text-align:left;border-bottom:2px solid #d8dde3;padding:4px\">").Append(E(head)).Append("</th>");
                }

                sb.Append("</tr>");
                foreach (var row in t.Rows)
                {
                    sb.Append("<tr>");
                    foreach (var cell in row) sb.Append("<td style=\"border-bottom:1px solid #e3e6ea;padding:4px;vertical-align:top\">").Append(E(cell)).Append("</td>");
                    sb.Append("</tr>");
                }

                sb.Append("</table>");
                break;
            case ActionBlock a:
                var href = E(a.Url.AbsoluteUri);
                sb.Append("<p style=\"margin:16px 0\"><a href=\"").Append(href)
                  .Append("\" style=\"display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600\">")
                  .Append(E(a.Label)).Append("</a></p>")
                  .Append("<p style=\"margin:0 0 12px;word-break:break-all;").Append(Muted).Append("\">").Append(E(CopyHint(language)))
                  .Append("<br><a href=\"").Append(href).Append("\" style=\"color:#0b5cad\">").Append(href).Append("</a></p>");
                break;
            case CodeBlock c:
                sb.Append("<pre style=\"margin:0 0 12px;padding:8px;background:#f0f2f5;border-radius:4px;font-size:13px;white-space:pre-wrap;word-break:break-all\">")
                  .Append(E(c.Text)).Append("</pre>");
                break;
            default:
                throw new InvalidOperationException($"No HTML layout for {block.GetType().Name}.");
        }
    }

    private static void AppendText(StringBuilder sb, MailBlock block, string language)
    {
        switch (block)
        {
            case HeadingBlock h:
                sb.Append(h.Text).Append('\n').Append(new string('=', Math.Min(60, Width(h.Text)))).Append("\n\n");
                break;
            case ParagraphBlock p:
                sb.Append(p.Text).Append("\n\n");
                break;
            case NoteBlock n:
                sb.Append(n.Text).Append("\n\n");
                break;
            case QuoteBlock q:
                sb.Append(q.Label).Append('\n');
                foreach (var line in q.Text.ReplaceLineEndings("\n").Split('\n')) sb.Append("> ").Append(line).Append('\n');
                sb.Append('\n');
                break;
            case FactsBlock f:
                foreach (var (label, value) in f.Facts)
                {
                    sb.Append(label).Append(": ").Append(value.ReplaceLineEndings("\n  ")).Append('\n');
                }

                sb.Append('\n');
                break;
            case TableBlock t:
                sb.Append(string.Join(" | ", t.Header)).Append('\n');
                foreach (var row in t.Rows) sb.Append("- ").Append(string.Join(" | ", row)).Append('\n');
                sb.Append('\n');
                break;
            case ActionBlock a:
                sb.Append(a.Label).Append(":\n").Append(a.Url.AbsoluteUri).Append("\n\n");
                break;
            case CodeBlock c:
                foreach (var line in c.Text.ReplaceLineEndings("\n").Split('\n')) sb.Append("    ").Append(line).Append('\n');
                sb.Append('\n');
                break;
            default:
                throw new InvalidOperationException($"No text layout for {block.GetType().Name} ({language}).");
        }
    }

    /// <summary>Display width for the underline: CJK characters take two columns.</summary>
    private static int Width(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
}
