using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace CxInbox.Channels.Email.Parsing;

/// <summary>Reads one mail into the fields CxInbox keeps. Pure: no I/O, so every fixture is a unit test.</summary>
public static class EmailParser
{
    static EmailParser()
    {
        // .NET ships only the Unicode encodings, ASCII and Latin-1; MimeKit needs the code pages for windows-1252,
        // iso-8859-15, gb2312 and the like (channels.md §4.3).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The sender of a mail with no From (or Sender) address: such mail is kept, under this address.</summary>
    public const string UnknownSender = "unknown-sender@invalid";

    public static ParsedEmail Parse(MimeMessage message, long maxAttachmentBytes, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var automated = AutomatedMail.Classify(message);
        var bounce = automated == AutomatedMail.DeliveryStatus ? DeliveryReports.Read(message) : null;
        var (full, trimmed, fromHtml) = Body(message, automated is null);
        var attachments = Attachments(message, maxAttachmentBytes);
        var notes = string.Join("\n", attachments.Where(a => a.OverLimit).Select(a => string.Create(CultureInfo.InvariantCulture,
            $"[Attachment \"{a.FileName}\" ({Megabytes(a.Size)}) not kept: over the {Megabytes(maxAttachmentBytes)} limit. It is still in the mailbox.]")));
        var references = message.References.Select(r => r.Trim('<', '>')).Where(r => r.Length > 0).ToList();
        if (bounce is not null && !references.Contains(bounce.OriginalMessageId, StringComparer.Ordinal))
        {
            // The report is about our message: let it thread into that message's conversation.
            references.Add(bounce.OriginalMessageId);
        }

        return new ParsedEmail
        {
            MessageId = string.IsNullOrWhiteSpace(message.MessageId) ? HashId(message) : message.MessageId.Trim('<', '>'),
            FromAddress = (from?.Address is { Length: > 0 } address ? address : UnknownSender).Trim().ToLowerInvariant(),
            FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim(),
            Subject = message.Subject ?? "",
            Date = message.Date == DateTimeOffset.MinValue || message.Date > receivedAt.AddDays(1) ? receivedAt : message.Date.ToUniversalTime(),
            Text = Join(trimmed, notes),
            FullText = trimmed == full ? null : Join(full, notes),
            FromHtml = fromHtml,
            InReplyTo = string.IsNullOrWhiteSpace(message.InReplyTo) ? null : message.InReplyTo.Trim('<', '>'),
            References = references,
            ConversationToken = EmailIds.TokenInSubject(message.Subject),
            Automated = automated,
            Attachments = attachments,
            Bounce = bounce,
        };
    }

    /// <summary>Stands in for a mail MimeKit cannot even split into headers and body (it throws FormatException), so
    /// that it still reaches an agent as a note pointing at the original instead of blocking the mailbox, where it
    /// would be fetched and fail again on every poll. <paramref name="stableId"/> must be the same each time the
    /// same mail is read (mailbox, UIDVALIDITY and UID), so that a second read is a duplicate.</summary>
    public static MimeMessage Unparseable(string stableId, string location)
    {
        var message = new MimeMessage
        {
            MessageId = stableId,
            Subject = "(unreadable mail)",
            Body = new TextPart("plain") { Text = $"[CxInbox could not read this mail; the original is still in the mailbox at {location}.]" },
        };
        message.From.Add(new MailboxAddress(null, UnknownSender));
        return message;
    }

    /// <summary><see cref="Parse"/>, or when that fails, <see cref="Unreadable"/>: one unreadable mail must not block
    /// the mailbox. <paramref name="failure"/> is why it could not be read, for the log.</summary>
    public static ParsedEmail ParseOrUnreadable(MimeMessage message, long maxAttachmentBytes, string location, DateTimeOffset receivedAt,
        out Exception? failure)
    {
        try
        {
            failure = null;
            return Parse(message, maxAttachmentBytes, receivedAt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e;
            return Unreadable(message, location, receivedAt);
        }
    }

    /// <summary>For a mail <see cref="Parse"/> failed on: published with a note rather than blocking the mailbox.</summary>
    public static ParsedEmail Unreadable(MimeMessage message, string location, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ParsedEmail
        {
            MessageId = string.IsNullOrWhiteSpace(message.MessageId) ? HashId(message) : message.MessageId.Trim('<', '>'),
            FromAddress = (message.From.Mailboxes.FirstOrDefault()?.Address ?? UnknownSender).Trim().ToLowerInvariant(),
            Subject = message.Subject ?? "",
            Date = receivedAt,
            Text = $"[CxInbox could not read this mail; the original is still in the mailbox at {location}.]",
        };
    }

    private static (string Full, string Trimmed, bool FromHtml) Body(MimeMessage message, bool trim)
    {
        if (message.TextBody is { } plain)
        {
            var isFlowed = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain) is { } part
                && part.ContentType.Parameters["format"]?.Equals("flowed", StringComparison.OrdinalIgnoreCase) == true;
            var text = (isFlowed ? new FlowedToText { DeleteSpace = Delsp(message) }.Convert(plain) : plain).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            return (text, trim ? QuotedText.Trim(text) : text, false);
        }

        if (message.HtmlBody is { } html)
        {
            var (text, quoteStart) = HtmlText.Convert(html);
            var beforeQuote = quoteStart is { } q && q > 0 ? text[..q] : text;
            return (text, trim ? QuotedText.Trim(beforeQuote) : text, true);
        }

        return ("", "", false);
    }

    private static bool Delsp(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain)?.ContentType.Parameters["delsp"]?.Equals("yes", StringComparison.OrdinalIgnoreCase) == true;

    private static List<EmailAttachment> Attachments(MimeMessage message, long maxBytes)
    {
        var result = new List<EmailAttachment>();
        string? insideForwarded = null;
        using var iterator = new MimeIterator(message);
        while (iterator.MoveNext())
        {
            var entity = iterator.Current;
            if (insideForwarded is not null && iterator.PathSpecifier.StartsWith(insideForwarded, StringComparison.Ordinal))
            {
                // A forwarded mail is one attachment; its own parts are not listed again.
                continue;
            }

            var isBodyText = entity is TextPart { IsAttachment: false } || entity is Multipart || entity is MessageDeliveryStatus
                || (entity is MessagePart && iterator.Parent is MultipartReport);
            if (isBodyText || (entity is not MimePart && entity is not MessagePart))
            {
                continue;
            }

            var size = DecodedSize(entity);
            var name = SafeFileName(entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? (entity is MessagePart ? "forwarded.eml" : "attachment"));
            result.Add(new EmailAttachment(name, entity.ContentType.MimeType.ToLowerInvariant(), size, iterator.PathSpecifier, size > maxBytes));
            if (entity is MessagePart)
            {
                insideForwarded = iterator.PathSpecifier + ".";
            }
        }

        return result;
    }

    private static long DecodedSize(MimeEntity entity)
    {
        using var counter = new CountingStream();
        switch (entity)
        {
            case MimePart { Content: { } content }:
                content.DecodeTo(counter);
                break;
            case MessagePart { Message: { } inner }:
                inner.WriteTo(counter);
                break;
        }

        return counter.Length;
    }

    // Path separators, control characters and leading dots have no business in a file name we show or save.
    private static string SafeFileName(string name)
    {
        var cleaned = new string([.. name.Select(c => char.IsControl(c) || c is '/' or '\\' or ':' ? '_' : c)]).Trim().TrimStart('.');
        return cleaned.Length == 0 ? "attachment" : cleaned.Length > 200 ? cleaned[..200] : cleaned;
    }

    // A mail without Message-ID (some bounces and scanners) still needs a stable key: the same mail fetched again
    // hashes the same (channels.md §4.2).
    private static string HashId(MimeMessage message)
    {
        var key = new StringBuilder();
        foreach (var name in new[] { HeaderId.Date, HeaderId.From, HeaderId.To, HeaderId.Subject })
        {
            key.Append(message.Headers[name]).Append('\n');
        }

        using var body = new MemoryStream();
        message.Body?.WriteTo(body);
        key.Append(Encoding.Latin1.GetString(body.GetBuffer(), 0, (int)Math.Min(body.Length, 1024)));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    private static string Join(string text, string notes) => notes.Length == 0 ? text : text.Length == 0 ? notes : text + "\n\n" + notes;

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB");

    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => length += count;
    }
}
