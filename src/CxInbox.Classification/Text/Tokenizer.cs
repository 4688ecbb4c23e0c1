using System.Globalization;
using System.Text;

namespace CxInbox.Classification.Text;

internal enum TokenKind
{
    Word,
    Number,
    Emoji,
    Punctuation,
}

/// <summary>A token as it stands in the text: lower-cased, with the span it came from.</summary>
internal readonly record struct RawToken(string Text, int Start, int Length, TokenKind Kind, bool SentenceStart, bool TitleCase);

/// <summary>Splits a message into lower-cased words, numbers, emoji and the two punctuation marks that carry meaning
/// (<c>?</c>, <c>!</c>). Mentions (<c>@Brand</c>) and links are dropped: brands must not decide a tag. Apostrophes
/// inside words are dropped (<c>can't</c> → <c>cant</c>), hyphens split (<c>e-ticket</c> → <c>e ticket</c>).</summary>
internal static class Tokenizer
{
    public static List<RawToken> Tokenize(string text)
    {
        var tokens = new List<RawToken>(Math.Min(256, text.Length / 4 + 4));
        var buffer = new StringBuilder(32);
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n')
                {
                    sentenceStart = true;
                }

                i++;
            }
            else if (c == '@' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                i = ReadWord(text, i, buffer, sentenceStart, tokens);
                sentenceStart = false;
            }
            else if (c is '?' or '!')
            {
                var mark = c == '?' ? "?" : "!";
                if (tokens.Count == 0 || tokens[^1].Text != mark)
                {
                    tokens.Add(new RawToken(mark, i, 1, TokenKind.Punctuation, false, false));
                }

                sentenceStart = true;
                i++;
            }
            else if (c is '.' or ':' or ';')
            {
                sentenceStart = c != ':' || sentenceStart;
                i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (IsEmoji(codePoint))
                {
                    tokens.Add(new RawToken(text.Substring(i, 2), i, 2, TokenKind.Emoji, false, false));
                }

                i += 2;
            }
            else
            {
                if (IsEmoji(c))
                {
                    tokens.Add(new RawToken(c.ToString(), i, 1, TokenKind.Emoji, false, false));
                }

                i++;
            }
        }

        return tokens;
    }

    private static int ReadWord(string text, int start, StringBuilder buffer, bool sentenceStart, List<RawToken> tokens)
    {
        buffer.Clear();
        var i = start;
        var hasLetter = false;
        var upperCount = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsLetterOrDigit(ch))
            {
                hasLetter |= char.IsLetter(ch);
                if (char.IsUpper(ch))
                {
                    upperCount++;
                }

                buffer.Append(char.ToLowerInvariant(ch));
                i++;
            }
            else if (ch is ',' or '.' && !hasLetter && buffer.Length > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                // "2,5jt", "1.500.000", "4.5/5": a separator between digits is part of the number.
                buffer.Append(ch);
                i++;
            }
            else if ((ch == '\'' || ch == '\u2019') && i + 1 < text.Length && char.IsLetter(text[i + 1]) && buffer.Length > 0)
            {
                i++;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        // A link says nothing about the request; skip it whole.
        if (i + 2 < text.Length && text[i] == ':' && text[i + 1] == '/' && text[i + 2] == '/')
        {
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        var word = buffer.ToString();
        var titleCase = upperCount > 0 && char.IsUpper(text[start]) && upperCount < buffer.Length;
        var digits = LeadingDigits(word);
        if (digits > 0 && hasLetter && i - start == word.Length && IsLetters(word, digits))
        {
            // A number glued to its unit ("150rb", "3,2jt", "24jam", "5days", "2x") is the number and the unit, so
            // "jadi # jt", "# jam", "# days" match however the customer spaced them.
            tokens.Add(new RawToken(word[..digits], start, digits, TokenKind.Number, sentenceStart, false));
            tokens.Add(new RawToken(word[digits..], start + digits, word.Length - digits, TokenKind.Word, false, false));
            return i;
        }

        tokens.Add(new RawToken(word, start, i - start, hasLetter ? TokenKind.Word : TokenKind.Number, sentenceStart, titleCase));
        return i;
    }

    private static int LeadingDigits(string word)
    {
        var n = 0;
        while (n < word.Length && (char.IsAsciiDigit(word[n]) || word[n] is ',' or '.'))
        {
            n++;
        }

        return n;
    }

    private static bool IsLetters(string word, int from)
    {
        for (var k = from; k < word.Length; k++)
        {
            if (!char.IsLetter(word[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEmoji(int codePoint) =>
        codePoint is (>= 0x1F000 and < 0x1F3FB) or (> 0x1F3FF and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF)
            or (>= 0x2B00 and <= 0x2BFF) or (>= 0x2300 and <= 0x23FF);
}
