using System.Text;

namespace CxInbox.Channels.Webhooks;

/// <summary>
/// A strict <c>application/x-www-form-urlencoded</c> decoder. Signatures such as Twilio's are computed over the
/// decoded values, so a lenient decoder that silently repairs bad escapes or invalid UTF-8 would verify something
/// other than what the provider sent: here such a body is refused instead.
/// </summary>
public static class FormBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryParse(ReadOnlySpan<byte> body, out List<KeyValuePair<string, string>> fields, out string? error)
    {
        fields = [];
        error = null;
        if (body.IsEmpty)
        {
            return true;
        }

        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var rawName = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? [] : pair[(equals + 1)..];
            if (!TryDecode(rawName, out var name) || !TryDecode(rawValue, out var value))
            {
                error = "the form body has an invalid percent-escape or is not UTF-8";
                return false;
            }

            if (name.Length == 0)
            {
                error = "the form body has a field without a name";
                return false;
            }

            fields.Add(new(name, value));
        }

        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> raw, out string text)
    {
        text = "";
        var bytes = new byte[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (b == '%')
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                {
                    return false;
                }

                bytes[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = b;
            }
        }

        try
        {
            text = StrictUtf8.GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
