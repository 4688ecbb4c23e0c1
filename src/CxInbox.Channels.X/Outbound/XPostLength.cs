using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CxInbox.Channels.X.Outbound;

/// <summary>
/// A post's length as X counts it (channels.md §3.6, twitter-text's v3 rules): text in NFC; code points in
/// U+0000–U+10FF and a few punctuation ranges weigh 1, everything else 2; an emoji sequence weighs 2 however many
/// code points it has; a link weighs 23 however long it is. X's link detection is wider than ours (it knows every
/// top-level domain), so an undercount ends as X's own 400, which the sender reports.
/// </summary>
public static partial class XPostLength
{
    private const int LinkWeight = 23;

    public static int Weighted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Normalize(NormalizationForm.FormC);
        var total = 0;
        var position = 0;
        foreach (Match link in Link().Matches(normalized))
        {
            total += WeightOf(normalized[position..link.Index]) + LinkWeight;
            position = link.Index + link.Length;
        }

        return total + WeightOf(normalized[position..]);
    }

    private static int WeightOf(string text)
    {
        var total = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (IsEmoji(element))
            {
                total += 2;
                continue;
            }

            foreach (var rune in element.EnumerateRunes())
            {
                total += rune.Value is <= 0x10FF or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037)
                    ? 1
                    : 2;
            }
        }

        return total;
    }

    private static bool IsEmoji(string element)
    {
        var first = Rune.GetRuneAt(element, 0).Value;
        return first is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF) or (>= 0x2300 and <= 0x23FF) or (>= 0x2B00 and <= 0x2BFF)
            || (element.Length > 1 && (element.Contains('\u200D', StringComparison.Ordinal) || element.Contains('\uFE0F', StringComparison.Ordinal)));
    }

    // http(s) links, www. links, and bare domains under the commonest top-level domains (what agents write:
    // example.com, tokopedia.com, shopee.co.id). Not after '@' or a word character, so e-mail addresses and
    // @mentions stay text.
    [GeneratedRegex(
        @"https?://[^\s]+|(?<![@\w.])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|id|co|io|me|ly|app|dev|info|biz)\b(?:/[^\s]*)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
