using System.Globalization;
using System.Text;
using Approvals.Notifications;
using static Approvals.Http.Html;

namespace Approvals.Publication;

/// <summary>The public, bilingual page of a published workshop: both titles on top, the English part, the Chinese
/// part, then the participating ministries in both languages.</summary>
public static class AnnouncementPage
{
    /// <summary>The page body (to wrap in <see cref="Http.Html.Document"/>); all user text encoded.</summary>
    public static string Body(Announcement a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var titleZh = string.IsNullOrWhiteSpace(a.TitleZh) ? null : a.TitleZh;
        var participants = a.Participants.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("<article class=\"card ok\"><p class=\"muted\">Workshop announcement · <span lang=\"zh-CN\">研讨会公告</span></p>")
          .Append("<h1>").Append(E(a.Title)).Append("</h1>");
        if (titleZh is not null) sb.Append("<h1 class=\"zh\" lang=\"zh-CN\">").Append(E(titleZh)).Append("</h1>");
        sb.Append("</article>");

        sb.Append("<section class=\"card\" lang=\"en\">");
        if (!string.IsNullOrWhiteSpace(a.Summary)) sb.Append("<p>").Append(E(a.Summary)).Append("</p>");
        sb.Append("<dl>");
        Fact(sb, "Dates", ChinaTime.RangeEn(a.StartDate, a.EndDate));
        Fact(sb, "Venue", a.Venue);
        Fact(sb, "Organiser", a.Organizer);
        Fact(sb, "Partners", a.Partners.Count == 0 ? null : string.Join(", ", a.Partners));
        Fact(sb, "Participants", $"{participants} officials from {a.Ministries.Count.ToString(CultureInfo.InvariantCulture)} ministries and agencies");
        sb.Append("</dl><p><strong>").Append(E(FundingEn(a.FundingInstrument))).Append("</strong></p></section>");

        sb.Append("<section class=\"card zh\" lang=\"zh-CN\">");
        if (titleZh is not null) sb.Append("<h2>").Append(E(titleZh)).Append("</h2>");
        var summaryZh = string.IsNullOrWhiteSpace(a.SummaryZh) ? null : a.SummaryZh;
        if (summaryZh is not null) sb.Append("<p>").Append(E(summaryZh)).Append("</p>");
        sb.Append("<dl>");
        Fact(sb, "日期", ChinaTime.RangeZh(a.StartDate, a.EndDate));
        Fact(sb, "地点", a.Venue);
        Fact(sb, "主办方", a.Organizer);
        Fact(sb, "合作方", a.Partners.Count == 0 ? null : string.Join("、", a.Partners));
        Fact(sb, "学员", $"来自{a.Ministries.Count.ToString(CultureInfo.InvariantCulture)}个部委和机构的{participants}名官员");
        sb.Append("</dl><p><strong>").Append(E(FundingZh(a.FundingInstrument))).Append("</strong></p></section>");

        sb.Append("<section class=\"card\"><h2>Participating ministries <span class=\"zh\" lang=\"zh-CN\">参与部委</span></h2>")
          .Append("<table><tr><th>Ministry</th><th lang=\"zh-CN\">部委</th><th>Participants <span lang=\"zh-CN\">人数</span></th></tr>");
        foreach (var m in a.Ministries)
        {
            sb.Append("<tr><td>").Append(E(m.NameEn)).Append("</td><td lang=\"zh-CN\">").Append(E(m.NameZh)).Append("</td><td>")
              .Append(m.Participants.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        sb.Append("<tr><th>Total</th><th lang=\"zh-CN\">合计</th><th>").Append(participants).Append("</th></tr></table></section>")
          .Append("<p class=\"muted\">Published ").Append(E(ChinaTime.En(a.PublishedAt)))
          .Append(" · <span lang=\"zh-CN\">发布于 ").Append(E(ChinaTime.Zh(a.PublishedAt))).Append("</span></p>");
        return sb.ToString();
    }

    public static string FundingEn(string? instrument) => string.IsNullOrWhiteSpace(instrument)
        ? "Funded by the European Union."
        : $"Funded by the European Union through the {Unprefixed(instrument)}.";

    public static string FundingZh(string? instrument)
    {
        if (string.IsNullOrWhiteSpace(instrument)) return "由欧盟资助。";
        var known = KnownInstrumentsZh.FirstOrDefault(k => Unprefixed(instrument).Equals(k.En, StringComparison.OrdinalIgnoreCase));
        return known.Zh is { } zh ? $"由欧盟{zh}资助。" : $"由欧盟资助（{instrument.Trim()}）。";
    }

    /// <summary>"EU Partnership Instrument" reads "the EU Partnership Instrument" after "European Union"; drop the
    /// repeated "EU".</summary>
    private static string Unprefixed(string instrument)
    {
        var t = instrument.Trim();
        return t.StartsWith("EU ", StringComparison.OrdinalIgnoreCase) ? t[3..] : t;
    }

    private static readonly (string En, string Zh)[] KnownInstrumentsZh =
    [
        ("Partnership Instrument", "伙伴关系工具"),
        ("Development Cooperation Instrument", "发展合作工具"),
        ("European Instrument for Democracy and Human Rights", "欧洲民主与人权工具"),
        ("Global Europe", "全球欧洲工具"),
    ];

    private static void Fact(StringBuilder sb, string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        sb.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
    }
}
