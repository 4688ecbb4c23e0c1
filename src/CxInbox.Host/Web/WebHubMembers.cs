using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Web.Live;

namespace CxInbox.Host.Web;

/// <summary>Reads the auth contract's claims for the hub: the Web project may not reference Api, the Host may.</summary>
internal static class WebHubMembers
{
    public static HubMember Describe(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.Role) ?? "", SessionPrincipal.AgentId(user), [.. user.FindAll(CxInboxClaims.Team).Select(c => c.Value)]);
}
