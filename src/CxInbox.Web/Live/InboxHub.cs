using Microsoft.AspNetCore.SignalR;

namespace CxInbox.Web.Live;

/// <summary>
/// The browser's live channel (<c>/hubs/inbox</c>). It only pushes: every action goes through the HTTP API. On
/// connect the connection joins the groups of <see cref="InboxGroups"/>; the Host says who the user is.
/// </summary>
public sealed class InboxHub(Func<System.Security.Claims.ClaimsPrincipal, HubMember> describe) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var member = describe(Context.User ?? new System.Security.Claims.ClaimsPrincipal());
        foreach (var group in InboxGroups.For(member))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Answers once the connection is in its groups: SignalR runs no invocation before
    /// <see cref="OnConnectedAsync"/> has finished. A client re-reads what it shows after this answer, because events
    /// before it did not reach the connection.</summary>
    public Task Joined() => Task.CompletedTask;
}
