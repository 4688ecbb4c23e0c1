namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// More customer messages in flight than the other consumers allow: a consumer whose message waits in
/// <see cref="InboundBatcher"/> costs nothing but memory, and the batches can only be as large as the messages in
/// flight while earlier batches run.
/// </summary>
public sealed class InteractionReceivedConsumerDefinition : StoreConsumerDefinition<InteractionReceivedConsumer>
{
    public const int MessagesInFlight = 64;

    public InteractionReceivedConsumerDefinition()
    {
        ConcurrentMessageLimit = MessagesInFlight;
        Endpoint(e => e.PrefetchCount = MessagesInFlight);
    }
}
