using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace CxInbox.Web.Live;

/// <summary>
/// Turns bus events into the hub's live events. Every Host running the api role has its own copy on its own queue
/// (<see cref="InboxBridgeEndpoint"/>), because a browser may be connected to any of them; it runs while a browser is
/// connected to that Host (<see cref="InboxBridgeSwitch"/>).
/// Where an event lacks what a browser needs (team, customer, the message), the bridge reads the store, through
/// <see cref="HeadlineReader"/> so that events handled at once share a query.
/// </summary>
public sealed class InboxBridge(IHubContext<InboxHub> hub, HeadlineReader headlines, ReplyStore replies, AgentStore agents)
    : IConsumer<ConversationAssigned>, IConsumer<ConversationQueued>, IConsumer<ConversationMoved>, IConsumer<ConversationResolved>,
        IConsumer<ConversationStatusChanged>,
        IConsumer<ReplySent>, IConsumer<ReplyFailed>, IConsumer<DeliveryStatusReported>,
        IConsumer<AgentPresenceChanged>, IConsumer<AgentCapacityChanged>, IConsumer<SlaBreached>
{
    public Task Consume(ConsumeContext<ConversationAssigned> context) =>
        PushConversationAsync(context.Message.ConversationId, [context.Message.AgentId], "assigned", withLatestMessage: true, context.CancellationToken);

    public Task Consume(ConsumeContext<ConversationQueued> context) =>
        PushConversationAsync(context.Message.ConversationId, [], "queued", withLatestMessage: true, context.CancellationToken);

    public Task Consume(ConsumeContext<ConversationMoved> context) =>
        PushConversationAsync(context.Message.ConversationId, [context.Message.FromAgentId, context.Message.ToAgentId], "moved",
            withLatestMessage: false, context.CancellationToken);

    public Task Consume(ConsumeContext<ConversationResolved> context) =>
        PushConversationAsync(context.Message.ConversationId, [context.Message.AgentId], "resolved", withLatestMessage: false, context.CancellationToken);

    /// <summary>Set aside (reason <c>snoozed</c> or <c>pending</c>) or back from a snooze (reason <c>woke</c>).</summary>
    public Task Consume(ConsumeContext<ConversationStatusChanged> context) =>
        PushConversationAsync(context.Message.ConversationId, [context.Message.AgentId], context.Message.Status == "open" ? "woke" : context.Message.Status,
            withLatestMessage: false, context.CancellationToken);

    public Task Consume(ConsumeContext<ReplySent> context) =>
        PushReplyAsync(context.Message.ConversationId, context.Message.ReplyId, context.Message.Status, null, context.CancellationToken);

    public Task Consume(ConsumeContext<ReplyFailed> context) =>
        PushReplyAsync(context.Message.ConversationId, context.Message.ReplyId, "failed", context.Message.Reason, context.CancellationToken);

    public async Task Consume(ConsumeContext<DeliveryStatusReported> context)
    {
        var report = context.Message;
        // Only reports that name our reply can be placed without racing the routing role's update of the store.
        if (report.ReplyId is { } replyId && await replies.FindThreadOfReplyAsync(replyId, context.CancellationToken) is { } thread)
        {
            await PushReplyAsync(thread.ConversationId, replyId, report.Status, report.ErrorReason, context.CancellationToken);
        }
    }

    public Task Consume(ConsumeContext<AgentPresenceChanged> context) => PushAgentAsync(context.Message.AgentId, context.CancellationToken);

    public Task Consume(ConsumeContext<AgentCapacityChanged> context) => PushAgentAsync(context.Message.AgentId, context.CancellationToken);

    public async Task Consume(ConsumeContext<SlaBreached> context)
    {
        var breach = context.Message;
        await hub.Clients.Groups(InboxGroups.ForConversation([breach.AgentId], breach.Team))
            .SendAsync(LiveEvents.SlaBreached, new SlaBreachedPayload(breach.ConversationId, breach.Team, breach.Channel, breach.DueAt), context.CancellationToken);
    }

    private async Task PushConversationAsync(Guid conversationId, Guid?[] agentIds, string reason, bool withLatestMessage, CancellationToken ct)
    {
        if (await headlines.ReadAsync(conversationId, ct) is not { } headline)
        {
            return;
        }

        var groups = InboxGroups.ForConversation([.. agentIds, headline.AssigneeId], headline.Team);
        var clients = hub.Clients.Groups(groups);
        await clients.SendAsync(LiveEvents.ConversationChanged,
            new ConversationChangedPayload(conversationId, headline.AssigneeId, headline.Team, headline.Status, headline.Priority, reason), ct);
        if (withLatestMessage && headline.LatestInboundId is { } latestId)
        {
            await clients.SendAsync(LiveEvents.MessageReceived,
                new MessageReceivedPayload(conversationId, latestId, headline.LatestInboundChannel!, headline.CustomerName, Preview(headline.LatestInboundText ?? "")), ct);
        }
    }

    private async Task PushReplyAsync(Guid conversationId, Guid replyId, string status, string? reason, CancellationToken ct)
    {
        var headline = await headlines.ReadAsync(conversationId, ct);
        await hub.Clients.Groups(InboxGroups.ForConversation([headline?.AssigneeId], team: null))
            .SendAsync(LiveEvents.ReplyStatusChanged, new ReplyStatusChangedPayload(conversationId, replyId, status, reason), ct);
    }

    private async Task PushAgentAsync(Guid agentId, CancellationToken ct)
    {
        if (await agents.GetAsync(agentId, ct) is { } agent)
        {
            await hub.Clients.Groups([InboxGroups.Agent(agentId), InboxGroups.Supervisors]).SendAsync(LiveEvents.AgentChanged,
                new AgentChangedPayload(agentId, agent.Presence.ToString().ToLowerInvariant(), agent.OpenConversations, agent.Capacity), ct);
        }
    }

    private static string Preview(string text) => text.Length <= 140 ? text : text[..140] + "…";
}

/// <summary>
/// The bridge's receive endpoint: one queue per Host instance, so every instance sees every event, started and stopped
/// by <see cref="InboxBridgeSwitch"/>. On RabbitMQ, MassTransit declares a temporary queue exclusive and expiring once
/// it has had no consumer for a while; that while is cut from MassTransit's minute to <see cref="UnusedQueueExpiry"/>,
/// since the broker goes on filling the queue until it expires.
/// </summary>
public sealed class InboxBridgeEndpoint : IEndpointDefinition
{
    private readonly string name = $"cxinbox-inbox-bridge-{Environment.MachineName.ToLowerInvariant()}-{NewId.NextGuid():N}";

    public static readonly TimeSpan UnusedQueueExpiry = TimeSpan.FromSeconds(5);

    public bool IsTemporary => true;

    public int? PrefetchCount => null;

    public int? ConcurrentMessageLimit => null;

    public bool ConfigureConsumeTopology => true;

    public string GetEndpointName(IEndpointNameFormatter formatter) => name;

    // The queue's settings are made in Connect, with the consumer.
    public void Configure<T>(T configurator, IRegistrationContext? context = null)
        where T : IReceiveEndpointConfigurator
    {
    }

    public HostReceiveEndpointHandle Connect(IReceiveEndpointConnector connector) =>
        connector.ConnectReceiveEndpoint(this, DefaultEndpointNameFormatter.Instance, (context, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq)
            {
                rabbitMq.QueueExpiration = UnusedQueueExpiry;
            }

            endpoint.ConfigureConsumer<InboxBridge>(context);
        });
}

/// <summary>
/// A push that still fails after a few tries is dropped, not parked in an error queue: the state is in the store, and
/// browsers re-read it on reconnect and on their next event; an error queue per short-lived instance would only pile
/// up on the broker.
/// </summary>
public sealed class InboxBridgeDefinition : ConsumerDefinition<InboxBridge>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<InboxBridge> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        endpointConfigurator.DiscardFaultedMessages();
    }
}
