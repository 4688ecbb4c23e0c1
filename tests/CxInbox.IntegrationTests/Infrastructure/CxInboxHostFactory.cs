using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>The real Host, in process, configured only through its public configuration keys.</summary>
internal sealed class CxInboxHostFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string AdminKey = "integration-test-admin-key";
    public const string PublicBaseUrl = "https://cx.example.com";

    // The account of the providers' vectors and fixtures (tests/TestData/providers), so fixtures can be posted as is.
    public const string TwilioAccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string TwilioAuthToken = "0123456789abcdef0123456789abcdef";

    public static Dictionary<string, string?> BaseSettings() => new()
    {
        ["CxInbox:PublicBaseUrl"] = PublicBaseUrl,
        ["CxInbox:Auth:BootstrapAdminKey"] = AdminKey,
        ["CxInbox:SeedDemoAgents"] = "false",
        ["Channels:Twilio:AccountSid"] = TwilioAccountSid,
        ["Channels:Twilio:AuthToken"] = TwilioAuthToken,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public IReadOnlyDictionary<string, string?> Settings => settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As strict as Development, where `dotnet run` catches a singleton that captures a scoped service.
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }
}
