using System.Globalization;
using System.Text;
using Approvals.Contacts;
using Approvals.Http;
using Approvals.Nominations;
using Approvals.Status;
using Approvals.Storage;

namespace Approvals.Links;

/// <summary>The facts an approver needs in front of them, rendered as an HTML card (all user text encoded).</summary>
public static class WorkshopFacts
{
    public static string Card(WorkshopRecord workshop, bool withNominations, IReadOnlyList<Slate> slates, ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        ArgumentNullException.ThrowIfNull(slates);
        ArgumentNullException.ThrowIfNull(directory);
        var p = workshop.Proposal;
        var sb = new StringBuilder("<div class=\"card\">");
        sb.Append("<h1>").Append(Html.E(p.Title)).Append("</h1>");
        if (!string.IsNullOrEmpty(p.TitleZh)) sb.Append("<h1 class=\"zh\" lang=\"zh-CN\">").Append(Html.E(p.TitleZh)).Append("</h1>");
        sb.Append("<dl>")
          .Append(Row("Dates / 日期", $"{p.StartDate:yyyy-MM-dd} – {p.EndDate:yyyy-MM-dd}"))
          .Append(Row("Venue / 地点", p.Venue))
          .Append(Row("Organiser / 主办", p.Organizer))
          .Append(Row("Partners / 合作方", p.Partners.Count == 0 ? null : string.Join("; ", p.Partners)))
          .Append(Row("Participants / 名额", p.Capacity.ToString(CultureInfo.InvariantCulture)))
          .Append(Row("Proposed by / 提交人", p.SubmittedBy));
        if (withNominations)
        {
            sb.Append(Row("Budget / 预算", string.Create(CultureInfo.InvariantCulture, $"EUR {p.BudgetEur:N0}")))
              .Append(Row("Funding / 资助", p.FundingInstrument));
        }

        sb.Append("</dl>");
        if (!string.IsNullOrEmpty(p.Summary)) sb.Append("<p>").Append(Html.E(p.Summary)).Append("</p>");
        if (!string.IsNullOrEmpty(p.SummaryZh)) sb.Append("<p class=\"zh\" lang=\"zh-CN\">").Append(Html.E(p.SummaryZh)).Append("</p>");
        sb.Append("</div>");
        if (withNominations) sb.Append(Nominations(slates, directory));
        return sb.ToString();
    }

    private static string Nominations(IReadOnlyList<Slate> slates, ProjectDirectory directory)
    {
        var counts = StatusQuery.Count(slates);
        var sb = new StringBuilder("<div class=\"card\"><h2>Nominees / 提名人选: ")
            .Append(counts.Total.ToString(CultureInfo.InvariantCulture)).Append("</h2>")
            .Append("<table><tr><th>Ministry / 部委</th><th>Nominees / 人数</th></tr>");
        foreach (var (code, count) in counts.ByMinistry)
        {
            var m = directory.Find(code);
            sb.Append("<tr><td>").Append(Html.E(m?.NameEn ?? code)).Append("<br><span class=\"zh\" lang=\"zh-CN\">")
              .Append(Html.E(m?.NameZh)).Append("</span></td><td>").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        sb.Append("</table><h2>By sex / 按性别</h2><dl>")
          .Append(Row("Female / 女", counts.BySex["female"].ToString(CultureInfo.InvariantCulture)))
          .Append(Row("Male / 男", counts.BySex["male"].ToString(CultureInfo.InvariantCulture)))
          .Append(Row("Undisclosed / 未说明", counts.BySex["undisclosed"].ToString(CultureInfo.InvariantCulture)))
          .Append("</dl></div>");
        return sb.ToString();
    }

    private static string Row(string label, string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : $"<dt>{Html.E(label)}</dt><dd>{Html.E(value)}</dd>";
}
