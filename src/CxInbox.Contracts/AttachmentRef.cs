namespace CxInbox.Contracts;

/// <summary>A file the customer sent, left where the provider stores it.</summary>
public sealed record AttachmentRef
{
    /// <summary>Where the provider keeps the file; fetching it may need the channel's credentials.</summary>
    public required string Url { get; init; }

    /// <summary>MIME type as the provider reported it, e.g. <c>image/jpeg</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>The file name the sender gave, when the channel carries one (e-mail); null otherwise.</summary>
    public string? FileName { get; init; }

    /// <summary>Size in bytes after decoding, when the channel tells it; null otherwise.</summary>
    public long? Size { get; init; }
}
