using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.BrowserTests.Infrastructure;

/// <summary>Debian's chromium, which test.sh installs. Playwright drives it through ExecutablePath and never
/// downloads a browser of its own.</summary>
internal static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CXINBOX_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Fails on CI, ignores elsewhere, with the command that installs it.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            TestEnvironment.ServiceMissing($"Chromium at {ExecutablePath}",
                new FileNotFoundException("Install it with: apt-get install chromium (test.sh does)", ExecutablePath));
        }
    }
}
