using System.Text.RegularExpressions;
using CxInbox.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxInbox.BrowserTests.Inbox;

[Parallelizable(ParallelScope.Self)]
public sealed partial class SignInPageTests : BrowserFixture
{
    [Test]
    public async Task The_inbox_sends_a_stranger_to_the_sign_in_page()
    {
        await Page.GotoAsync("/");

        await Expect(Page).ToHaveURLAsync(SignInUrl());
        await Expect(Page).ToHaveTitleAsync("Sign in · CxInbox");
        await Expect(Page.GetByLabel("Username")).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_wrong_password_is_refused_with_the_servers_reason()
    {
        var (_, agent, client) = await Host.SignedInAgentAsync();
        client.Dispose();

        await SignInThroughThePageAsync(agent.Username, "not the password");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The username or the password is not right.");
        await Expect(Page).ToHaveURLAsync(SignInUrl());
    }

    [GeneratedRegex(@"/signin\.html(\?|$)")]
    private static partial Regex SignInUrl();
}
