namespace CxInbox.Simulation.Traffic;

/// <summary>Who the simulator plays: one customer, on one channel, writing in one language.</summary>
public sealed record SimulatedCustomer(int Index, string Name, SimulatedChannel Channel, SimulatedLanguage Language, string Address);

public enum SimulatedLanguage
{
    English,
    Indonesian,
    Mixed,
}

/// <summary>What a message is meant to be about; the classifier should find the same.</summary>
public sealed record Intent(JourneyStageName Stage, SimulatedLanguage Language, bool Complaint, bool SalesQuestion);

/// <summary>The six journey stages by their wire names (the simulator does not reference the classifier: it plays
/// customers, it does not judge them).</summary>
public enum JourneyStageName
{
    Insight,
    Promotion,
    Transaction,
    Delivery,
    Support,
    Return,
}

/// <summary>One customer message, due <see cref="At"/> after the start of the run.</summary>
/// <param name="Sequence">Position in the run, from 0.</param>
/// <param name="ProviderMessageId">The id the provider would give it, unique in the run and across seeds.</param>
/// <param name="FollowUpOf">The sequence of the customer's previous message in the thread this one follows up, if any.</param>
/// <param name="InReplyTo">That previous message's provider id (e-mail threads on it).</param>
/// <param name="Subject">For e-mail: the subject line (a follow-up's starts with <c>Re: </c>).</param>
public sealed record SimulatedMessage(
    long Sequence,
    TimeSpan At,
    SimulatedCustomer Customer,
    string ProviderMessageId,
    string Text,
    string Subject,
    Intent Intent,
    long? FollowUpOf,
    string? InReplyTo)
{
    public SimulatedChannel Channel => Customer.Channel;
}
