namespace Approvals.Notifications;

/// <summary>The content of one mail in both languages. Each call names the English and the Chinese text side by side;
/// the layout puts the whole English part first and the Chinese part below it.</summary>
public sealed class BilingualMail
{
    public MailSection En { get; } = new("en");
    public MailSection Zh { get; } = new("zh-CN");

    public BilingualMail Heading(string en, string zh) => Add(new HeadingBlock(en), new HeadingBlock(zh));

    public BilingualMail Paragraph(string en, string zh) => Add(new ParagraphBlock(en), new ParagraphBlock(zh));

    public BilingualMail Note(string en, string zh) => Add(new NoteBlock(en), new NoteBlock(zh));

    /// <summary>A quoted text written by a person (a comment, a reason), shown as written in both parts.</summary>
    public BilingualMail Quote(string labelEn, string labelZh, string? text) =>
        string.IsNullOrWhiteSpace(text) ? this : Add(new QuoteBlock(labelEn, text), new QuoteBlock(labelZh, text));

    /// <summary>Label/value pairs; a fact without a value is left out.</summary>
    public BilingualMail Facts(params Fact[] facts)
    {
        var shown = facts.Where(f => !string.IsNullOrWhiteSpace(f.ValueEn)).ToList();
        return shown.Count == 0
            ? this
            : Add(new FactsBlock(shown.Select(f => (f.LabelEn, f.ValueEn!)).ToList()),
                new FactsBlock(shown.Select(f => (f.LabelZh, string.IsNullOrWhiteSpace(f.ValueZh) ? f.ValueEn! : f.ValueZh)).ToList()));
    }

    /// <summary>A table with a header row; a table without rows is left out.</summary>
    public BilingualMail Table(TableRow header, IEnumerable<TableRow> rows)
    {
        var list = rows.ToList();
        return list.Count == 0
            ? this
            : Add(new TableBlock(header.En, list.Select(r => r.En).ToList()), new TableBlock(header.Zh, list.Select(r => r.Zh).ToList()));
    }

    /// <summary>The one thing the reader is asked to do: a plain link styled as a button.</summary>
    public BilingualMail Action(Uri? url, string en, string zh) => url is null ? this : Add(new ActionBlock(url, en), new ActionBlock(url, zh));

    /// <summary>Text to copy as it is (a command line).</summary>
    public BilingualMail Code(string text) => Add(new CodeBlock(text), new CodeBlock(text));

    private BilingualMail Add(MailBlock en, MailBlock zh)
    {
        En.Blocks.Add(en);
        Zh.Blocks.Add(zh);
        return this;
    }
}

/// <summary>What a template writes: the subject line and the body.</summary>
internal sealed record MailContent(string Subject, BilingualMail Body);

/// <summary>A label with its value in English and, where it differs, in Chinese.</summary>
public readonly record struct Fact(string LabelEn, string LabelZh, string? ValueEn, string? ValueZh = null);

/// <summary>One row of a table: its cells in English and in Chinese, in the same order.</summary>
public readonly record struct TableRow(IReadOnlyList<string> En, IReadOnlyList<string> Zh);

/// <summary>One language's part of a mail, in reading order.</summary>
public sealed class MailSection(string language)
{
    public string Language { get; } = language;
    public List<MailBlock> Blocks { get; } = [];
}

public abstract record MailBlock;

public sealed record HeadingBlock(string Text) : MailBlock;

public sealed record ParagraphBlock(string Text) : MailBlock;

public sealed record NoteBlock(string Text) : MailBlock;

public sealed record QuoteBlock(string Label, string Text) : MailBlock;

public sealed record FactsBlock(IReadOnlyList<(string Label, string Value)> Facts) : MailBlock;

public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : MailBlock;

public sealed record ActionBlock(Uri Url, string Label) : MailBlock;

public sealed record CodeBlock(string Text) : MailBlock;
