using System.Net;
using System.Text.Json.Nodes;
using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.X.Outbound;

/// <summary>Answers <see cref="XChannels.DirectMessages"/> threads with a DM from the brand account:
/// <c>POST /2/dm_conversations/with/{customer}/messages</c> (channels.md §3.6).</summary>
public sealed class XDirectMessageSender(
    HttpClient http,
    IOptionsMonitor<XOptions> options,
    XSendPipelines pipelines,
    TimeProvider clock,
    ILogger<XDirectMessageSender> logger) : IReplySender
{
    public string Channel => XChannels.DirectMessages;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var settings = options.CurrentValue;
        if (XReplyOutcomes.RefuseBeforeSending(reply, settings) is { } refused)
        {
            return refused;
        }

        if (!XReplyOutcomes.IsXId(reply.CustomerAddress))
        {
            return new SendOutcome.Failed("invalid_recipient",
                $"'{reply.CustomerAddress}' is not an X user id, so no DM can be sent to it.", IsPermanent: true);
        }

        if (reply.Text.Length > XCapabilities.DirectMessages.MaxReplyLength)
        {
            return new SendOutcome.Failed("too_long",
                $"The DM is {reply.Text.Length} characters long; X accepts at most {XCapabilities.DirectMessages.MaxReplyLength}. Shorten it.", IsPermanent: true);
        }

        var uri = XReplyOutcomes.Endpoint(settings, $"/2/dm_conversations/with/{reply.CustomerAddress}/messages");
        var json = new JsonObject { ["text"] = reply.Text }.ToJsonString(XReplyOutcomes.Json);
        var result = await XApiCall.PostJsonAsync(http, pipelines.DirectMessages, settings, clock, uri, json, cancellationToken);
        return result switch
        {
            XApiResult.Answered { IsSuccess: true } answer => Sent(answer),
            XApiResult.Answered { Status: HttpStatusCode.Forbidden } answer when answer.Problem?.Is("client-forbidden") == true =>
                new SendOutcome.Failed(answer.Code,
                    $"The X app may not send DMs (it needs the 'Read, Write and Direct Messages' permission and an access level that includes DMs){XReplyOutcomes.Says(answer.Problem)}",
                    IsPermanent: true),
            XApiResult.Answered { Status: HttpStatusCode.Forbidden } answer => new SendOutcome.Failed(answer.Code,
                $"X refused the DM: the customer does not accept DMs from the brand account, or has blocked it{XReplyOutcomes.Says(answer.Problem)} Answer them publicly instead, or wait for them to write.",
                IsPermanent: true),
            XApiResult.Answered { Status: HttpStatusCode.NotFound } answer => new SendOutcome.Failed(answer.Code,
                $"X does not know the customer's account (deleted, suspended or wrong id){XReplyOutcomes.Says(answer.Problem)}",
                IsPermanent: true),
            XApiResult.Answered answer => XReplyOutcomes.Failure(answer, XReplyOutcomes.DirectMessage),
            XApiResult.Unanswered unanswered => XReplyOutcomes.Failure(unanswered, XReplyOutcomes.DirectMessage),
            _ => throw new InvalidOperationException("Unknown X API result."),
        };
    }

    private SendOutcome Sent(XApiResult.Answered answer)
    {
        if (XReplyOutcomes.DataField(answer.Body, "dm_event_id") is not { Length: > 0 } id)
        {
            logger.LogWarning("X answered {Status} to a DM without data.dm_event_id", (int)answer.Status);
            return XReplyOutcomes.SuccessWithoutId(answer, XReplyOutcomes.DirectMessage);
        }

        if (answer.Problem is not null)
        {
            logger.LogWarning("X sent DM {DmEventId} but also reported {ProblemKind}", id, answer.Problem.Kind);
        }

        return new SendOutcome.Sent(id, "sent");
    }
}
