using System.Net;
using System.Text.Json.Nodes;
using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.X.Outbound;

/// <summary>Answers <see cref="XChannels.Posts"/> threads publicly, with a post from the brand account in reply to
/// the customer's newest post: <c>POST /2/tweets</c> with <c>reply.in_reply_to_tweet_id</c> (channels.md §3.6).</summary>
public sealed class XPostReplySender(
    HttpClient http,
    IOptionsMonitor<XOptions> options,
    XSendPipelines pipelines,
    TimeProvider clock,
    ILogger<XPostReplySender> logger) : IReplySender
{
    public string Channel => XChannels.Posts;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var settings = options.CurrentValue;
        if (XReplyOutcomes.RefuseBeforeSending(reply, settings) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrEmpty(reply.LastCustomerMessageId))
        {
            return new SendOutcome.Failed("no_post_to_reply_to",
                "There is no customer post to reply to on this thread, and a public reply on X must answer a post. Answer by DM instead.",
                IsPermanent: true);
        }

        if (!XReplyOutcomes.IsXId(reply.LastCustomerMessageId))
        {
            return new SendOutcome.Failed("invalid_post_id",
                $"'{reply.LastCustomerMessageId}' is not an X post id, so there is nothing to reply to.", IsPermanent: true);
        }

        var length = XCapabilities.Posts.ReplyLength(reply.Text);
        if (length > XCapabilities.Posts.MaxReplyLength)
        {
            return new SendOutcome.Failed("too_long",
                $"The reply counts {length} characters as X counts them (emoji and most non-Latin characters count 2, every link 23); a post may have at most {XCapabilities.Posts.MaxReplyLength}. Shorten it, or answer by DM.",
                IsPermanent: true);
        }

        var uri = XReplyOutcomes.Endpoint(settings, "/2/tweets");
        var json = new JsonObject
        {
            ["text"] = reply.Text,
            ["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = reply.LastCustomerMessageId },
        }.ToJsonString(XReplyOutcomes.Json);
        var result = await XApiCall.PostJsonAsync(http, pipelines.PostReplies, settings, clock, uri, json, cancellationToken);
        return result switch
        {
            XApiResult.Answered { IsSuccess: true } answer => Sent(answer),
            XApiResult.Answered { Status: HttpStatusCode.Forbidden } answer => Forbidden(answer),
            XApiResult.Answered { Status: HttpStatusCode.NotFound } answer => new SendOutcome.Failed(answer.Code,
                $"The customer's post was deleted or is not visible to the brand account{XReplyOutcomes.Says(answer.Problem)}",
                IsPermanent: true),
            XApiResult.Answered answer => XReplyOutcomes.Failure(answer, XReplyOutcomes.PostReply),
            XApiResult.Unanswered unanswered => XReplyOutcomes.Failure(unanswered, XReplyOutcomes.PostReply),
            _ => throw new InvalidOperationException("Unknown X API result."),
        };
    }

    private static SendOutcome.Failed Forbidden(XApiResult.Answered answer)
    {
        if (answer.Problem?.Mentions("duplicate") == true)
        {
            // The duplicate guard is why post replies may be retried after an unclear failure (XSendPipelines).
            return answer.EarlierAttemptPerhapsDone
                ? new SendOutcome.Failed("duplicate-content",
                    "X says this reply is already posted: an earlier attempt that got no answer went through. Check the customer's thread on X; do not send it again.",
                    IsPermanent: true)
                : new SendOutcome.Failed("duplicate-content",
                    $"X refused the reply because the brand account posted the same text recently{XReplyOutcomes.Says(answer.Problem)} Change the wording.",
                    IsPermanent: true);
        }

        if (answer.Problem?.Is("client-forbidden") == true)
        {
            return new SendOutcome.Failed(answer.Code,
                $"The X app may not post (it needs write permission and an access level that allows it){XReplyOutcomes.Says(answer.Problem)}",
                IsPermanent: true);
        }

        // Since 23 Feb 2026 self-serve apps may reply only to posts that summoned the brand (channels.md §3.0).
        return new SendOutcome.Failed(answer.Code,
            $"X refused the public reply{XReplyOutcomes.Says(answer.Problem)} X accepts API replies only to posts that mention the brand or quote it; if this customer did not, answer by DM.",
            IsPermanent: true);
    }

    private SendOutcome Sent(XApiResult.Answered answer)
    {
        if (XReplyOutcomes.DataField(answer.Body, "id") is not { Length: > 0 } id)
        {
            logger.LogWarning("X answered {Status} to a post without data.id", (int)answer.Status);
            return XReplyOutcomes.SuccessWithoutId(answer, XReplyOutcomes.PostReply);
        }

        if (answer.Problem is not null)
        {
            logger.LogWarning("X created post {PostId} but also reported {ProblemKind}", id, answer.Problem.Kind);
        }

        return new SendOutcome.Sent(id, "sent");
    }
}
