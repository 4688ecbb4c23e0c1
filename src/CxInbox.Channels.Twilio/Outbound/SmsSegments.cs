using System.Globalization;
using System.Text;

namespace CxInbox.Channels.Twilio.Outbound;

/// <summary>
/// What an SMS costs (shared/reference/channels.md §1.10): GSM-7 when every character is in the GSM 03.38 basic or
/// extension table (extension characters cost two septets), 160 septets in one SMS or 153 per concatenated segment;
/// otherwise UCS-2, 70 UTF-16 units in one SMS or 67 per segment. A two-septet character or a surrogate pair is never
/// split across segments. Indonesian text is GSM-7 until a phone keyboard adds a curly quote or an emoji.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[]~|€\f";

    public static SmsCost Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = new List<int>();
        var gsm = true;
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            if (s.Length == 1 && Basic.Contains(s[0], StringComparison.Ordinal))
            {
                units.Add(1);
            }
            else if (s.Length == 1 && Extension.Contains(s[0], StringComparison.Ordinal))
            {
                units.Add(2);
            }
            else
            {
                gsm = false;
                break;
            }
        }

        if (!gsm)
        {
            units = [.. text.EnumerateRunes().Select(r => r.Utf16SequenceLength)];
        }

        var (single, perSegment) = gsm ? (160, 153) : (70, 67);
        var total = units.Sum();
        return new SmsCost(gsm ? "GSM-7" : "UCS-2", total, total <= single ? 1 : Segments(units, perSegment));
    }

    private static int Segments(List<int> units, int perSegment)
    {
        var segments = 1;
        var used = 0;
        foreach (var unit in units)
        {
            if (used + unit > perSegment)
            {
                segments++;
                used = 0;
            }

            used += unit;
        }

        return segments;
    }
}

/// <param name="Encoding"><c>GSM-7</c> or <c>UCS-2</c>.</param>
/// <param name="Units">Septets (GSM-7) or UTF-16 code units (UCS-2).</param>
/// <param name="Segments">How many SMS the carrier bills.</param>
public sealed record SmsCost(string Encoding, int Units, int Segments)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Segments} segment(s), {Encoding}");
}
