using System.Diagnostics.CodeAnalysis;

namespace CxInbox.Channels.Facebook;

/// <summary>
/// What we put in a sent message's <c>metadata</c>: <c>cx:reply:{reply id}</c>. Meta returns it unchanged in the echo
/// of that message (channels.md §2.5), which is how an echo is told apart from a message a human sent from Meta
/// Business Suite or another app.
/// </summary>
public static class ReplyMetadata
{
    public const string Prefix = "cx:reply:";

    public static string Format(Guid replyId) => Prefix + replyId.ToString("D");

    public static bool TryParse(string? metadata, [NotNullWhen(true)] out Guid? replyId)
    {
        replyId = null;
        if (metadata is null || !metadata.StartsWith(Prefix, StringComparison.Ordinal)
            || !Guid.TryParseExact(metadata.AsSpan(Prefix.Length), "D", out var id))
        {
            return false;
        }

        replyId = id;
        return true;
    }
}
