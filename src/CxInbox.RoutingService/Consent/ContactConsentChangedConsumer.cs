using CxInbox.Contracts;
using CxInbox.Data.Customers;
using MassTransit;

namespace CxInbox.RoutingService.Consent;

/// <summary>Keeps the record of who opted out of which of our accounts; the API refuses replies to them.</summary>
public sealed class ContactConsentChangedConsumer(ConsentStore consents) : IConsumer<ContactConsentChanged>
{
    public Task Consume(ConsumeContext<ContactConsentChanged> context)
    {
        var change = context.Message;
        return consents.ApplyAsync(new ConsentRecord
        {
            Channel = change.Channel,
            ChannelAccount = change.ChannelAccount,
            CustomerAddress = change.CustomerAddress,
            OptedOut = change.OptedOut,
            Keyword = change.Keyword,
            ProviderMessageId = change.ProviderMessageId,
            ChangedAt = change.ChangedAt,
        }, context.CancellationToken);
    }
}
