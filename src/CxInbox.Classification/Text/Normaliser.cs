namespace CxInbox.Classification.Text;

/// <summary>A normalised token and the span of the original text it stands for (shared by the tokens an
/// abbreviation expands into).</summary>
internal readonly record struct Token(string Text, int Start, int Length, TokenKind Kind, bool SentenceStart, bool TitleCase);

/// <summary>Turns informal Indonesian and English into the forms the lexicon lists: stretched letters
/// (<c>bangettt</c> → <c>banget</c>), chat reduplication (<c>rame2</c> → <c>rame</c>), abbreviations
/// (<c>gk</c> → <c>tidak</c>, <c>blm</c> → <c>belum</c>, <c>cant</c> → <c>can not</c>) and enclitics
/// (<c>paketnya</c> → <c>paket</c>) when the stem is a word the lexicon knows.</summary>
internal sealed class Normaliser
{
    private static readonly string[] Suffixes = ["nya", "lah", "kah", "ku", "mu"];

    private readonly Dictionary<string, string[]> abbreviations;
    private readonly HashSet<string> known;

    public Normaliser(IReadOnlyDictionary<string, string> abbreviations)
    {
        this.abbreviations = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, value) in abbreviations)
        {
            this.abbreviations[key.ToLowerInvariant()] = Tokenizer.Tokenize(value).Select(t => t.Text).ToArray();
        }

        known = new HashSet<string>(this.abbreviations.Keys, StringComparer.Ordinal);
    }

    /// <summary>Adds words the lexicon uses, so stretched letters and enclitics are undone only towards real words.</summary>
    public void AddVocabulary(IEnumerable<string> words) => known.UnionWith(words);

    /// <summary>A lexicon phrase as tokens: lower-cased, split like a message, abbreviations expanded.</summary>
    public string[] NormalisePhrase(string phrase)
    {
        var result = new List<string>();
        foreach (var part in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // "#" stands for any number ("# days", "kamar #"); the tokenizer would drop it as punctuation.
            if (part == CueMatcher.NumberWildcard)
            {
                result.Add(part);
                continue;
            }

            foreach (var token in Tokenizer.Tokenize(part))
            {
                if (token.Kind == TokenKind.Word && abbreviations.TryGetValue(token.Text, out var expansion))
                {
                    result.AddRange(expansion);
                }
                else
                {
                    result.Add(token.Text);
                }
            }
        }

        return [.. result];
    }

    public List<Token> Normalise(string text)
    {
        var raw = Tokenizer.Tokenize(text);
        var tokens = new List<Token>(raw.Count + 4);
        foreach (var t in raw)
        {
            if (t.Kind != TokenKind.Word)
            {
                tokens.Add(new Token(t.Text, t.Start, t.Length, t.Kind, t.SentenceStart, t.TitleCase));
                continue;
            }

            var word = abbreviations.ContainsKey(t.Text) ? t.Text : Canonical(t.Text);
            if (abbreviations.TryGetValue(word, out var expansion))
            {
                foreach (var part in expansion)
                {
                    tokens.Add(new Token(part, t.Start, t.Length, TokenKind.Word, t.SentenceStart, t.TitleCase));
                }
            }
            else
            {
                tokens.Add(new Token(word, t.Start, t.Length, TokenKind.Word, t.SentenceStart, t.TitleCase));
            }
        }

        return tokens;
    }

    private string Canonical(string word)
    {
        // Chat reduplication: "rame2", "hati2" mean "rame-rame", "hati-hati"; the single form carries the meaning.
        if (word.Length >= 4 && word[^1] == '2' && char.IsLetter(word[^2]) && char.IsLetter(word[^3]) && char.IsLetter(word[^4]))
        {
            word = word[..^1];
        }

        if (known.Contains(word))
        {
            return word;
        }

        if (HasRun(word, 3))
        {
            var two = Collapse(word, 2);
            if (known.Contains(two))
            {
                return two;
            }

            var one = Collapse(word, 1);
            word = known.Contains(one) || !HasRun(one, 2) ? one : two;
            if (known.Contains(word))
            {
                return word;
            }
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                if (known.Contains(stem))
                {
                    return stem;
                }

                if (KnownVariant(stem) is { } stemVariant)
                {
                    return stemVariant;
                }
            }
        }

        return KnownVariant(word) ?? word;
    }

    /// <summary>The standard form of a colloquial Indonesian spelling, when that form is a word the lexicon knows:
    /// the colloquial prefix <c>ke-</c> for <c>ter-</c> (<c>kepotong</c> → <c>terpotong</c>, <c>ketinggalan</c> →
    /// <c>tertinggal</c>), the suffix <c>-in</c> for <c>-kan</c> (<c>dibalikin</c> → <c>dibalikkan</c>), the nasal
    /// prefixes <c>nge-/ng-/ny-</c> (<c>ngirim</c> → <c>kirim</c>, <c>nyampe</c> → <c>sampe</c>) and <c>e</c> for
    /// <c>a</c> in the last syllable (<c>dateng</c> → <c>datang</c>, <c>cepet</c> → <c>cepat</c>). A variant that
    /// is not a known word changes nothing, so English and unknown words pass through.</summary>
    private string? KnownVariant(string word)
    {
        if (word.Length < 5)
        {
            return null;
        }

        foreach (var candidate in Variants(word))
        {
            if (known.Contains(candidate))
            {
                return candidate;
            }

            var vowel = LastSyllableA(candidate);
            if (vowel is not null && known.Contains(vowel))
            {
                return vowel;
            }
        }

        return null;
    }

    private static IEnumerable<string> Variants(string word)
    {
        yield return word;
        var stem = word.EndsWith("in", StringComparison.Ordinal) && word.Length >= 6 ? word[..^2] : null;
        if (stem is not null)
        {
            yield return stem + "kan";
            yield return stem;
        }

        if (word.StartsWith("ke", StringComparison.Ordinal))
        {
            var rest = word[2..];
            yield return "ter" + rest;
            if (rest.EndsWith("an", StringComparison.Ordinal) && rest.Length >= 5)
            {
                yield return "ter" + rest[..^2];
                yield return rest[..^2];
            }

            if (stem is not null)
            {
                yield return "ter" + stem[2..] + "kan";
                yield return "di" + stem[2..] + "kan";
            }
        }

        if (word.StartsWith("nge", StringComparison.Ordinal))
        {
            yield return word[3..];
        }
        else if (word.StartsWith("ng", StringComparison.Ordinal))
        {
            yield return "k" + word[2..];
            yield return word[2..];
        }
        else if (word.StartsWith("ny", StringComparison.Ordinal))
        {
            yield return "s" + word[2..];
            yield return "c" + word[2..];
        }
    }

    /// <summary>"dateng" → "datang": Jakarta speech turns the <c>a</c> of a closed last syllable into <c>e</c>.</summary>
    private static string? LastSyllableA(string word)
    {
        var i = word.Length - 1;
        while (i > 0 && !IsVowel(word[i]))
        {
            i--;
        }

        if (i <= 0 || i == word.Length - 1 || word[i] != 'e' || !HasVowel(word, 0, i))
        {
            return null;
        }

        return string.Concat(word.AsSpan(0, i), "a", word.AsSpan(i + 1));
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool HasVowel(string word, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (IsVowel(word[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasRun(string word, int length)
    {
        var run = 1;
        for (var i = 1; i < word.Length; i++)
        {
            run = word[i] == word[i - 1] && char.IsLetter(word[i]) ? run + 1 : 1;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    private static string Collapse(string word, int keep)
    {
        var chars = new char[word.Length];
        var n = 0;
        var run = 0;
        for (var i = 0; i < word.Length; i++)
        {
            run = i > 0 && word[i] == word[i - 1] ? run + 1 : 1;
            if (run <= keep || !char.IsLetter(word[i]))
            {
                chars[n++] = word[i];
            }
        }

        return new string(chars, 0, n);
    }
}
