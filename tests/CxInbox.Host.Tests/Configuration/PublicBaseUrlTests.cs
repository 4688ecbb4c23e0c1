using CxInbox.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.Host.Tests.Configuration;

/// <summary>appsettings.json ships an empty PublicBaseUrl; a Production start must accept it.</summary>
public sealed class PublicBaseUrlTests
{
    [TestCase("")]
    [TestCase(null)]
    [TestCase("https://cx.example.com")]
    [TestCase("http://localhost:5080")]
    public void Empty_or_an_absolute_http_address_is_accepted(string? value) =>
        Assert.That(OptionsWith(value).PublicBaseUrl, Is.EqualTo(value));

    [TestCase("cx.example.com")]
    [TestCase("ftp://cx.example.com")]
    [TestCase("/webhooks")]
    public void Anything_else_stops_the_start_with_the_key_named(string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => OptionsWith(value));

        Assert.That(failure!.Message, Does.Contain("CxInbox:PublicBaseUrl").And.Contain(value));
    }

    private static CxInboxOptions OptionsWith(string? publicBaseUrl)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CxInbox:PublicBaseUrl"] = publicBaseUrl })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddCxInboxHttp(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CxInboxOptions>>().Value;
    }
}
