using System.Net;
using CxInbox.Channels.Testing;
using CxInbox.Host.Tests;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace CxInbox.BrowserTests.Infrastructure;

/// <summary>
/// A fixture's Host on a real loopback port, on the real PostgreSQL and RabbitMQ, with a local stand-in for
/// Twilio's API; and, per test, a fresh headless chromium page. JavaScript dialogs are recorded (and dismissed), so a
/// test can assert that none opened.
/// </summary>
public abstract class BrowserFixture : PlaywrightTest
{
    private IBrowser? browser;
    private IBrowserContext? context;

    internal HostUnderTest Host { get; private set; } = null!;

    internal ScriptedProvider Twilio { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected List<string> Dialogs { get; } = [];

    protected List<string> ConsoleErrors { get; } = [];

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Chromium.EnsureInstalled();
        Twilio = await ScriptedProvider.StartAsync((request, call) => new ProviderAnswer(HttpStatusCode.Created,
            $$"""{"sid": "SM{{call:D32}}", "status": "queued", "direction": "outbound-api"}"""));
        Host = await HostUnderTest.StartAsync(Engines.RealServices, GetType().Name.ToLowerInvariant()[..Math.Min(12, GetType().Name.Length)],
            new Dictionary<string, string?> { ["Channels:Twilio:ApiBaseUrl"] = Twilio.BaseAddress.ToString() }, onLoopbackPort: true);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }
    }

    [SetUp]
    public async Task OpenPage()
    {
        browser = await BrowserType.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.ExecutablePath, Headless = true });
        context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Asia/Jakarta",
        });
        // Generous: the machine running these is often busy, running the integration tests beside them.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        Page = await context.NewPageAsync();
        Page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
    }

    [TearDown]
    public async Task ClosePage()
    {
        if (Page is not null && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}-failed.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.AddTestAttachment(path);
        }

        if (context is not null)
        {
            await context.CloseAsync();
        }

        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        Dialogs.Clear();
        ConsoleErrors.Clear();
    }

    /// <summary>Signs in through the sign-in page, as a person would.</summary>
    protected async Task SignInThroughThePageAsync(string username, string password = HostUnderTest.UserPassword, Uri? host = null)
    {
        await Page.GotoAsync(host is null ? "/signin.html" : new Uri(host, "/signin.html").ToString());
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Writes a screenshot to the test output folder, and to docs/images/ when
    /// CXINBOX_UPDATE_SCREENSHOTS=1.</summary>
    protected async Task TakeScreenshotAsync(string fileName)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, fileName);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.AddTestAttachment(path);
        if (Environment.GetEnvironmentVariable("CXINBOX_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RepositoryRoot.Path, "docs", "images");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, fileName), overwrite: true);
        }
    }
}
