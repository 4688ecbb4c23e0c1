using System.Text;
using MimeKit.Text;

namespace CxInbox.Channels.Email.Parsing;

/// <summary>Turns an HTML-only mail into plain text for the agent: no markup, scripts or styles survive, so the text
/// is safe to show anywhere. Block elements become line breaks, list items "- ", links "text (url)".</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
    };

    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template" };

    private static readonly string[] QuoteClasses = ["gmail_quote", "yahoo_quoted", "moz-cite-prefix"];

    private static readonly string[] QuoteIds = ["divRplyFwdMsg", "appendonsend", "mail-editor-reference-message-container"];

    /// <summary>The whole text, and where the quoted history starts in it (null when no quote marker was found).</summary>
    public static (string Text, int? QuoteStart) Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        var text = new StringBuilder();
        var hiddenDepth = 0;
        int? quoteStart = null;
        string? linkHref = null;
        var linkTextStart = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlDataToken data when hiddenDepth == 0 && token.Kind != HtmlTokenKind.ScriptData:
                    AppendCollapsed(text, data.Data);
                    break;

                case HtmlTagToken tag when Hidden.Contains(tag.Name):
                    if (!tag.IsEmptyElement)
                    {
                        hiddenDepth = Math.Max(0, hiddenDepth + (tag.IsEndTag ? -1 : 1));
                    }

                    break;

                case HtmlTagToken tag when hiddenDepth == 0:
                    if (!tag.IsEndTag && quoteStart is null && IsQuoteMarker(tag))
                    {
                        quoteStart = text.Length;
                    }

                    if (tag.Name.Equals("a", StringComparison.OrdinalIgnoreCase))
                    {
                        if (!tag.IsEndTag)
                        {
                            linkHref = tag.Attributes.FirstOrDefault(a => a.Name.Equals("href", StringComparison.OrdinalIgnoreCase))?.Value;
                            linkTextStart = text.Length;
                        }
                        else if (linkHref is { Length: > 0 } href && !href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                            && text.ToString(linkTextStart, text.Length - linkTextStart).Trim() != href)
                        {
                            text.Append(" (").Append(href).Append(')');
                            linkHref = null;
                        }
                    }
                    else if (tag.Name.Equals("li", StringComparison.OrdinalIgnoreCase) && !tag.IsEndTag)
                    {
                        NewLine(text);
                        text.Append("- ");
                    }
                    else if (Blocks.Contains(tag.Name))
                    {
                        if (tag.Name.Equals("br", StringComparison.OrdinalIgnoreCase))
                        {
                            TrimTrailingSpaces(text);
                            text.Append('\n');
                        }
                        else
                        {
                            NewLine(text);
                            if (Paragraphs.Contains(tag.Name) && text.Length > 0)
                            {
                                text.Append('\n');
                            }
                        }
                    }

                    break;
            }
        }

        var result = Tidy(text.ToString());
        if (quoteStart is { } q)
        {
            // The marker's offset is in the untidied text; its tidied prefix has the same content up to there.
            var before = Tidy(text.ToString(0, Math.Min(q, text.Length)));
            return (result, before.Length);
        }

        return (result, null);
    }

    private static bool IsQuoteMarker(HtmlTagToken tag)
    {
        string? Attribute(string name) => tag.Attributes.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
        var classes = Attribute("class")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return classes.Any(c => QuoteClasses.Contains(c, StringComparer.OrdinalIgnoreCase))
            || (Attribute("id") is { } id && QuoteIds.Contains(id, StringComparer.OrdinalIgnoreCase))
            || (tag.Name.Equals("blockquote", StringComparison.OrdinalIgnoreCase) && Attribute("type") is { } type && type.Equals("cite", StringComparison.OrdinalIgnoreCase));
    }

    // HTML collapses runs of white space, and &nbsp; stays a visible (normal) space.
    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (c == '\u00A0')
            {
                text.Append(' ');
            }
            else if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    private static void NewLine(StringBuilder text)
    {
        TrimTrailingSpaces(text);
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static void TrimTrailingSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank > 0 ? "\n\n" : "\n");
            }

            result.Append(line);
            blank = 0;
        }

        return result.ToString();
    }
}
