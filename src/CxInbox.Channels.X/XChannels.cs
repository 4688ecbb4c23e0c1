namespace CxInbox.Channels.X;

/// <summary>
/// The two channel keys X traffic is published and answered under. A DM thread and a public post thread with the
/// same customer are different conversations: one is private, the other is read by everyone, and each is answered
/// through its own endpoint (a DM, or a post in reply to the customer's newest post).
/// </summary>
public static class XChannels
{
    /// <summary>Direct messages with the brand account.</summary>
    public const string DirectMessages = "x-dm";

    /// <summary>Public posts that mention the brand account or reply to it.</summary>
    public const string Posts = "x";
}
