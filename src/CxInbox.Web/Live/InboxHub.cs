using Microsoft.AspNetCore.SignalR;

namespace CxInbox.Web.Live;

/// <summary>
/// The browser's live channel (<c>/hubs/inbox</c>). It only pushes: every action goes through the HTTP API. On
/// connect the connection joins the groups of <see cref="InboxGroups"/>; the Host says who the user is.
/// </summary>
public sealed class InboxHub(Func<System.Security.Claims.ClaimsPrincipal, HubMember> describe, InboxBridgeSwitch bridge) : Hub
{
    // Set once the connection is counted by the bridge switch and fully connected: a connect that failed half-way
    // gives its count back itself, so a disconnect gives one back only where this mark is.
    private const string CountedByBridge = "cxinbox.bridge";

    public override async Task OnConnectedAsync()
    {
        await bridge.ConnectionOpenedAsync(Context.ConnectionAborted);
        try
        {
            var member = describe(Context.User ?? new System.Security.Claims.ClaimsPrincipal());
            foreach (var group in InboxGroups.For(member))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
            }
        }
        catch
        {
            await bridge.ConnectionClosedAsync();
            throw;
        }

        Context.Items[CountedByBridge] = true;
        await base.OnConnectedAsync();
    }

    /// <summary>Answers once the connection is in its groups: SignalR runs no invocation before
    /// <see cref="OnConnectedAsync"/> has finished. A client re-reads what it shows after this answer, because events
    /// before it did not reach the connection.</summary>
    public Task Joined() => Task.CompletedTask;

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.Remove(CountedByBridge))
        {
            await bridge.ConnectionClosedAsync();
        }

        await base.OnDisconnectedAsync(exception);
    }
}
