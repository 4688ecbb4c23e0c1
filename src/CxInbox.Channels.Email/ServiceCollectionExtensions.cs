using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Email.Outbound;
using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Email;

public static class ServiceCollectionExtensions
{
    /// <summary>The e-mail channel: an IMAP reader per mailbox and the SMTP reply sender. Needs an
    /// <see cref="IMailboxCheckpoints"/> from the Host.</summary>
    public static ChannelsBuilder AddEmailChannel(this ChannelsBuilder channels, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.Add([EmailCapabilities.Email], services => AddAdapter(services, configuration));
    }

    private static void AddAdapter(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.AddSingleton<IReplySender, SmtpReplySender>();
        services.AddHostedService<EmailPollingService>();
    }
}
