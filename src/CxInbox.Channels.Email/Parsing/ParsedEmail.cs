namespace CxInbox.Channels.Email.Parsing;

/// <summary>One inbound mail, read: the canonical fields the channel publishes.</summary>
public sealed record ParsedEmail
{
    /// <summary>The Message-ID without angle brackets, or <c>sha256:{hex}</c> of the key headers when it has none.</summary>
    public required string MessageId { get; init; }

    /// <summary>The sender's address, lower-case.</summary>
    public required string FromAddress { get; init; }
    public string? FromName { get; init; }
    public string Subject { get; init; } = "";
    public required DateTimeOffset Date { get; init; }

    /// <summary>What the agent sees: the new part, without quoted history and signature.</summary>
    public required string Text { get; init; }

    /// <summary>The whole text when <see cref="Text"/> is shorter; null when nothing was trimmed.</summary>
    public string? FullText { get; init; }

    /// <summary>True when the text came from the HTML part (the mail had no text/plain).</summary>
    public bool FromHtml { get; init; }

    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public string? ConversationToken { get; init; }

    /// <summary>Null for a person's mail; otherwise an <see cref="AutomatedMail"/> kind.</summary>
    public string? Automated { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Set when this is a delivery report about one of our messages.</summary>
    public Bounce? Bounce { get; init; }
}

/// <param name="PartSpecifier">The IMAP body part (<c>2</c>, <c>1.2</c>): with the message's UID it locates the file.</param>
/// <param name="OverLimit">True when the file is larger than the cap; it is mentioned, not referenced.</param>
public sealed record EmailAttachment(string FileName, string ContentType, long Size, string PartSpecifier, bool OverLimit);

/// <summary>A delivery report about a message we sent.</summary>
/// <param name="OriginalMessageId">Our Message-ID the report is about.</param>
/// <param name="Action"><c>failed</c>, <c>delayed</c>, <c>delivered</c>, … (RFC 3464).</param>
/// <param name="Status">The RFC 3463 status, e.g. <c>5.1.1</c>; null when the report has none.</param>
public sealed record Bounce(string OriginalMessageId, string Action, string? Status, string? Recipient, string? Diagnostic)
{
    public bool Failed => Action.Equals("failed", StringComparison.OrdinalIgnoreCase);
}
