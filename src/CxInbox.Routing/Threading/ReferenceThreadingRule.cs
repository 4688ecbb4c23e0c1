namespace CxInbox.Routing.Threading;

/// <summary>
/// Threading for messages that name what they answer (e-mail In-Reply-To/References, or our conversation token in
/// the subject): the named conversation wins over "the customer's latest one". A customer has at most one unresolved
/// conversation per thread, so answering an old, resolved conversation while another is open joins the open one.
/// </summary>
public static class ReferenceThreadingRule
{
    /// <param name="referenced">The customer's conversation the message names; null when it names none we know.</param>
    /// <param name="latest">The customer's latest conversation on the thread, as for <see cref="ThreadingRule"/>.</param>
    public static ThreadingDecision Decide(LatestConversation? referenced, LatestConversation? latest, DateTimeOffset now, TimeSpan reopenWindow) =>
        referenced switch
        {
            null => ThreadingRule.Decide(latest, now, reopenWindow),
            { Status: not ConversationStatus.Resolved } => new ThreadingDecision.Join(referenced.Id),
            _ when latest is { Status: not ConversationStatus.Resolved } => new ThreadingDecision.Join(latest.Id),
            // The customer answered that conversation itself, however long ago: it is the one to reopen.
            _ => new ThreadingDecision.Reopen(referenced.Id),
        };

    /// <summary>Where an automated message (out-of-office, bounce, list mail) is recorded: the conversation it names,
    /// else the sender's unresolved one; null when there is none, because such mail never opens a conversation.</summary>
    public static Guid? PlaceAutomated(LatestConversation? referenced, LatestConversation? latest) =>
        referenced?.Id ?? (latest is { Status: not ConversationStatus.Resolved } ? latest.Id : null);

    /// <summary>The ids a message names, most telling first: In-Reply-To, then References from the newest back;
    /// at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<string> LookupOrder(string? inReplyTo, IReadOnlyList<string> references, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(references);
        IEnumerable<string> ids = inReplyTo is { Length: > 0 } ? [inReplyTo] : [];
        return [.. ids.Concat(references.Reverse()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).Take(limit)];
    }
}
