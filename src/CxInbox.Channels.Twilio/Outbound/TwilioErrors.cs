namespace CxInbox.Channels.Twilio.Outbound;

/// <summary>Twilio's error codes (shared/reference/channels.md §1.8) in words an agent can act on. Twilio's own
/// error_message text is not stable, so the code decides.</summary>
public static class TwilioErrors
{
    public const string OptedOut = "21610";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["20003"] = "Twilio refused our credentials; an administrator must check Channels:Twilio:AccountSid and AuthToken.",
        ["20404"] = "Twilio does not know this resource.",
        ["20429"] = "Twilio is receiving too many requests from us; try again shortly.",
        ["21211"] = "The customer's number is not a valid phone number.",
        ["21408"] = "Our Twilio account may not send to this country (geo permissions).",
        ["21606"] = "Our number cannot send SMS; an administrator must check the Twilio number.",
        ["21608"] = "Our Twilio trial account may only send to verified numbers.",
        [OptedOut] = "The customer has opted out (replied STOP); Twilio blocks messages to them until they reply START.",
        ["21612"] = "This number cannot be reached by SMS from our number.",
        ["21614"] = "The customer's number is not a mobile number and cannot receive SMS.",
        ["21617"] = "The reply is longer than 1,600 characters.",
        ["21635"] = "The customer's number is a landline.",
        ["30001"] = "Twilio's queue for our number overflowed; the message was not sent.",
        ["30002"] = "Our Twilio account is suspended.",
        ["30003"] = "The customer's phone is unreachable (switched off or out of coverage).",
        ["30004"] = "The message was blocked by the customer or their carrier.",
        ["30005"] = "The customer's number is unknown to their carrier.",
        ["30006"] = "The number is a landline or its carrier cannot be reached.",
        ["30007"] = "The carrier filtered the message as spam.",
        ["30008"] = "The carrier reported an unknown error.",
        ["30032"] = "Our toll-free number is not verified for sending.",
        ["30034"] = "Our number is not registered for US A2P 10DLC sending.",
    };

    public static string Reason(string? code, string? fallback = null) =>
        code is not null && Reasons.TryGetValue(code, out var reason)
            ? reason
            : fallback is { Length: > 0 } ? $"Twilio error {code}: {fallback}" : $"Twilio error {code ?? "(none)"}.";
}
