namespace CxInbox.Routing.Customers;

/// <summary>
/// The normalised identity behind a channel address, by which one customer is recognised on every channel: a phone
/// number is the same person on SMS and WhatsApp, an X user id the same on mentions and DMs, an e-mail address the
/// same whatever its case. Addresses with no shared meaning (a Messenger PSID) are keyed by their own channel.
/// </summary>
public static class CustomerLinkKey
{
    public static string For(string channel, string address)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        return channel switch
        {
            "sms" or "mms" or "whatsapp" or "voice" => "phone:" + Phone(trimmed),
            "email" => "email:" + trimmed.ToLowerInvariant(),
            "x" or "x-dm" => "x:" + trimmed,
            _ => channel + ":" + trimmed,
        };
    }

    // E.164 keeps a leading "+" and digits; separators people type ("+62 812-3456 7890", "(555)") and a provider's
    // scheme prefix ("whatsapp:+62…") are dropped. A number without "+" keeps its digits as given: its country
    // cannot be guessed.
    private static string Phone(string address)
    {
        var number = address.Contains(':', StringComparison.Ordinal) ? address[(address.LastIndexOf(':') + 1)..] : address;
        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        return number.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }
}
