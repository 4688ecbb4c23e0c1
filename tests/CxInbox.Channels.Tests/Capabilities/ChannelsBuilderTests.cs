using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Email;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Tests.Capabilities;

public class ChannelsBuilderTests
{
    [Test]
    public void A_process_without_adapters_knows_every_channels_capabilities_and_needs_none_of_their_options()
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = new ConfigurationBuilder().Build();

        var channels = services.AddCxInboxChannels(runsAdapters: false);
        channels.AddTwilioChannel(configuration).AddFacebookChannel(configuration).AddXChannel(configuration).AddEmailChannel(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var catalog = provider.GetRequiredService<ChannelCapabilitiesCatalog>();
        Assert.That(new[] { "sms", "facebook", "x", "x-dm", "email" }.Select(key => catalog.Find(key)?.Channel), Is.EqualTo(new[] { "sms", "facebook", "x", "x-dm", "email" }));
        Assert.That(provider.GetServices<IReplySender>(), Is.Empty);
        Assert.That(provider.GetServices<IWebhookChannel>(), Is.Empty);
        Assert.That(provider.GetServices<IHostedService>(), Is.Empty, "no poller or reconciler");
        Assert.That(() => provider.GetService<IStartupValidator>()?.Validate(), Throws.Nothing, "no adapter options to validate");
    }

    [Test]
    public void A_process_that_runs_adapters_gets_them_with_their_capabilities()
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = new ConfigurationBuilder().Build();

        services.AddSingleton(TimeProvider.System);
        services.AddCxInboxChannels(runsAdapters: true).AddTwilioChannel(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ChannelCapabilitiesCatalog>().Find("SMS"), Is.SameAs(TwilioCapabilities.Sms));
        Assert.That(provider.GetServices<IReplySender>().Select(s => s.Channel), Is.EqualTo(new[] { "sms" }));
    }

    [Test]
    public void Two_declarations_of_one_channel_key_stop_the_start_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddCxInboxChannels(runsAdapters: false)
            .Add([TwilioCapabilities.Sms], _ => { })
            .Add([new ChannelCapabilities { Channel = "SMS" }], _ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ChannelCapabilitiesCatalog>());

        Assert.That(error!.Message, Does.Contain("'SMS'"));
    }

    [Test]
    public void An_undeclared_channel_has_no_capabilities()
    {
        var catalog = new ChannelCapabilitiesCatalog([TwilioCapabilities.Sms]);

        Assert.That(catalog.Find("whatsapp"), Is.Null);
    }
}
