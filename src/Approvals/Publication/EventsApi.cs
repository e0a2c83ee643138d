using Approvals.Http;
using Approvals.Links;
using Approvals.Storage;
using Microsoft.AspNetCore.Http;

namespace Approvals.Publication;

/// <summary>One row of <c>GET /api/events</c>; <see cref="Postponed"/> says the dates were moved after publication.</summary>
public sealed record EventSummary(string Id, string Title, string? TitleZh, DateOnly StartDate, DateOnly EndDate, string Venue, int Participants, Uri Url, bool Postponed = false);

/// <summary>The public announcements (no key): <c>GET /api/events</c> (JSON, newest first, cancelled ones left out) and <c>GET /api/events/{id}</c>
/// (the bilingual page). Both hosts call these; what they publish may be cached.</summary>
public sealed class EventsApi(AnnouncementStore announcements, LinkIssuer links)
{
    public const int MaxListed = 200;

    public async Task<IResult> ListAsync()
    {
        var list = await announcements.ListAsync(MaxListed);
        var rows = list.Where(a => a.CancelledAt is null)
            .Select(a => new EventSummary(a.Id, a.Title, a.TitleZh, a.StartDate, a.EndDate, a.Venue, a.Participants, EventUrl(a.Id), a.Postponed is not null))
            .ToList();
        return new PublicCache(Results.Json(rows, Json.Options));
    }

    public async Task<IResult> GetAsync(string id)
    {
        var announcement = await FindAsync(id);
        if (announcement is null)
        {
            return Pages.Message(StatusCodes.Status404NotFound, "Not found", "未找到",
                "No published workshop has this address. It may not be published yet.", "此地址没有已发布的研讨会，可能尚未发布。");
        }

        return new PublicCache(Pages.Render<AnnouncementPage>(new() { [nameof(AnnouncementPage.Announcement)] = announcement }));
    }

    private async Task<Announcement?> FindAsync(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200) return null;
        return await announcements.GetAsync(id);
    }

    public Uri EventUrl(string id) => links.Build($"api/events/{Uri.EscapeDataString(id)}");
}
