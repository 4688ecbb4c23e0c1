using System.Text.RegularExpressions;

namespace CxInbox.Channels.Email.Parsing;

/// <summary>Finds where the new part of a reply ends: quoted history (attribution lines, Outlook header blocks,
/// "&gt;" lines) and signatures (RFC 3676 "-- ", mobile footers), channels.md §4.5. The agent sees the new part; the
/// full text is kept.</summary>
public static partial class QuotedText
{
    private static readonly string[] Footers =
    [
        "sent from my iphone", "sent from my ipad", "sent from my android", "sent from yahoo mail", "get outlook for",
        "sent from outlook", "dikirim dari iphone saya", "dikirim dari yahoo mail", "dikirim dari ponsel", "sent from my samsung",
    ];

    /// <summary>The new part of <paramref name="text"/>, or the whole text when trimming would leave nothing.</summary>
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsHistoryOrSignature(lines, i))
            {
                end = i;
                break;
            }
        }

        var kept = string.Join('\n', lines[..end]).TrimEnd();
        return kept.Trim().Length == 0 ? text.Trim() : kept.TrimStart('\n');
    }

    private static bool StartsHistoryOrSignature(string[] lines, int i)
    {
        var line = lines[i];
        var trimmed = line.Trim();
        if (line == "-- " || line == "--")
        {
            return true;
        }

        if (trimmed.StartsWith('>'))
        {
            return true;
        }

        var lower = trimmed.ToLowerInvariant();
        if (Footers.Any(lower.StartsWith) || OriginalMessage().IsMatch(trimmed))
        {
            return true;
        }

        // Attribution lines wrap over two lines in some clients.
        var twoLines = i + 1 < lines.Length ? trimmed + " " + lines[i + 1].Trim() : trimmed;
        if (Attribution().IsMatch(trimmed) || (Attribution().IsMatch(twoLines) && AttributionStart().IsMatch(trimmed)))
        {
            return true;
        }

        // An Outlook header block: From:/Dari: followed within a few lines by Sent:/Dikirim:/Date:.
        if (HeaderFrom().IsMatch(trimmed))
        {
            for (var j = i + 1; j < Math.Min(lines.Length, i + 4); j++)
            {
                if (HeaderSent().IsMatch(lines[j].Trim()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(On\s.+\swrote:|Pada\s.+\smenulis:|Le\s.+\sa écrit\s?:|Am\s.+\sschrieb\s.+:)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|Pada|Le|Am)\s", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Pesan Asli|Forwarded message|Pesan yang diteruskan)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\*?(From|Dari|Von|De)\s*:\*?\s", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Dikirim|Date|Tanggal|Gesendet|Envoyé)\s*:", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeaderSent();
}
