namespace CxInbox.Routing.Tagging;

/// <summary>The classifier's tags for one message, as routing needs them. Stage names are the wire names
/// (<c>insight</c>, <c>promotion</c>, <c>transaction</c>, <c>delivery</c>, <c>support</c>, <c>return</c>).</summary>
public sealed record MessageTags(string Stage, bool Complaint, double ComplaintConfidence, bool SalesOpportunity, double SalesConfidence, string Language);

/// <summary>A conversation's tags: they evolve with its messages and an agent can correct them.</summary>
/// <param name="Stage">The journey stage of the conversation's latest customer request.</param>
/// <param name="Complaint">Stays true from the first complaint until the conversation is resolved.</param>
/// <param name="SalesOpportunity">Whether the latest customer message shows a sale to be made.</param>
/// <param name="CorrectedByAgent">An agent set the tags by hand; new messages no longer change them.</param>
public sealed record ConversationTags(string Stage, bool Complaint, bool SalesOpportunity, string Language, bool CorrectedByAgent)
{
    /// <summary>Never pitch to a complaining customer: no sales prompts or promotions while a complaint is open.</summary>
    public bool SalesPromptsAllowed => !Complaint;

    /// <summary>The tags after one more customer message. Providers and competing routers do not keep order, so a
    /// message older than one already seen (<paramref name="isNewest"/> false) only adds its complaint: the result
    /// is the same in whatever order the messages are handled.</summary>
    public static ConversationTags Evolve(ConversationTags? current, MessageTags message, bool isNewest)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (current is { CorrectedByAgent: true } || (current is not null && !isNewest))
        {
            // An agent's correction is the truth until the conversation is resolved; a complaint still sticks.
            return current with { Complaint = current.Complaint || message.Complaint };
        }

        return new ConversationTags(
            message.Stage,
            (current?.Complaint ?? false) || message.Complaint,
            message.SalesOpportunity,
            message.Language,
            CorrectedByAgent: false);
    }
}
