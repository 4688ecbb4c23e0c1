using CxInbox.Data.Storage;
using MassTransit;

namespace CxInbox.RoutingService;

/// <summary>
/// Consumers that write to the store retry what passes with time (<see cref="StoreFaults"/>: the database away, a
/// lost race) for about three minutes, long enough to ride out a database restart, then the in-memory outbox so
/// nothing is published unless the consumer finished. Any other error is a poison message: it goes to the _error
/// queue at once, never silently away.
/// </summary>
public class StoreConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(StoreFaults.IsTransient);
            r.Exponential(14, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
