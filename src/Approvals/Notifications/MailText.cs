using System.Text;

namespace Approvals.Notifications;

/// <summary>Lays out a <see cref="BilingualMail"/> as the plain-text alternative of its HTML (<see cref="MailHtml"/>).
/// English first, Chinese below.</summary>
internal static class MailText
{
    private const string Rule = "----------------------------------------";

    public static string Render(BilingualMail mail)
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

    /// <summary>The footer of both the text and the HTML part.</summary>
    public const string FooterEn = "Sent automatically by Approvals (EU-China Dialogue on Migration and Mobility Support Project). Replies are not read.";
    public const string FooterZh = "此邮件由审批系统自动发送（中欧移民与人员流动对话支持项目），请勿直接回复。";

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
