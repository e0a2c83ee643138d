namespace Approvals.Publication;

/// <summary>The funding line of an announcement in either language.</summary>
public partial class AnnouncementPage
{
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
}
