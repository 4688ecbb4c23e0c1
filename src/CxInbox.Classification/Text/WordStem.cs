namespace CxInbox.Classification.Text;

/// <summary>The stem a learned word feature is keyed by: a normalised word without the Indonesian affixes that
/// change its form but not what it says about a message (<c>dikirim</c>, <c>terkirim</c>, <c>kirimnya</c> →
/// <c>kirim</c>; <c>kepotong</c>, <c>terpotong</c> → <c>potong</c>; <c>ketinggalan</c> → <c>tinggal</c>). English
/// words pass through unless they happen to start or end like an affix, and then always to the same stem, so the
/// feature stays consistent between training and classification.</summary>
internal static class WordStem
{
    private const int MinimumStem = 4;

    private static readonly string[] Enclitics = ["nya", "lah", "kah", "ku", "mu"];
    private static readonly string[] Suffixes = ["kan", "an", "in"];
    private static readonly string[] Prefixes = ["ter", "ber", "nge", "di", "ke"];

    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> word)
    {
        word = StripSuffix(word, Enclitics);
        word = StripSuffix(word, Suffixes);
        foreach (var prefix in Prefixes)
        {
            if (word.Length - prefix.Length >= MinimumStem && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return word[prefix.Length..];
            }
        }

        return word;
    }

    private static ReadOnlySpan<char> StripSuffix(ReadOnlySpan<char> word, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (word.Length - suffix.Length >= MinimumStem && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
