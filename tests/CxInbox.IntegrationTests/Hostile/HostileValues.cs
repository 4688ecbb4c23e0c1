using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace CxInbox.IntegrationTests.Hostile;

/// <summary>The raw material of hostile input: random and invalid bytes, injection strings, absurd numbers and
/// deep or malformed JSON. Each target's generator combines these with its own wire format.</summary>
internal static class HostileValues
{
    /// <summary>Strings an attacker or a broken client sends: SQL and header injection, control characters, NUL,
    /// right-to-left and zero-width marks, emoji, and text far longer than any field.</summary>
    public static readonly string[] Nasty =
    [
        "",
        " ",
        "'",
        "\"",
        "'; DROP TABLE messages; --",
        "1' OR '1'='1",
        "\" OR \"\"=\"",
        "'); DELETE FROM conversations WHERE ('1'='1",
        "admin'--",
        "%",
        "_",
        "\\",
        "\r\nSet-Cookie: injected=1",
        "value\r\nX-Injected: 1",
        "\nLocation: https://evil.example",
        "\0",
        "a\0b",
        "\u0001\u0002\u001b[31m",
        "\u202egnp.exe",
        "\u200b\u200d\ufeff",
        "😀🙏🏽👨‍👩‍👧",
        "<script>alert(1)</script>",
        "{{7*7}}${7*7}",
        "../../../../etc/passwd",
        "NaN",
        "-1",
        "99999999999999999999999999",
        "1e309",
        "+62 812-3456-7890",
        "STOP",
        new string('x', 10_000),
        new string('\u00e9', 70_000),
    ];

    /// <summary>Query and number values no one should send: negative, zero, overflowing, not numbers at all.</summary>
    public static readonly string[] AbsurdNumbers =
    [
        "0", "-1", "-2147483648", "2147483647", "2147483648", "9223372036854775808", "1e309", "NaN", "Infinity", "0x10",
        "1.5", "", "%00", "%27%20OR%201%3D1", "99999999999999999999999999999999", "1,000", "１２",
    ];

    public static Gen<string> NastyString => Gen.Elements(Nasty);

    public static Gen<string> AnyString => Gen.OneOf(NastyString, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));

    public static Gen<byte[]> RandomBytes(int maxLength) =>
        Gen.Sized(size => Gen.Choose(0, Math.Min(maxLength, 32 + (size * size * 4)))
            .SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)));

    /// <summary>Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncations.</summary>
    public static Gen<byte[]> InvalidUtf8 => Gen.Elements<byte[]>(
        [0x80], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE], [0xE2, 0x82]);

    /// <summary>A JSON value, valid or not: scalars at the edges, hostile strings, invalid escapes and lone
    /// surrogates, deep nesting, truncation.</summary>
    public static Gen<string> JsonValue => Gen.Frequency(
        (4, NastyString.Select(Quote)),
        (2, Gen.Elements("null", "true", "false", "0", "-0", "1e308", "-1e309", "123456789012345678901234567890", "1.7976931348623157e309", "[]", "{}")),
        (2, Gen.Elements("\"\\ud800\"", "\"\\udc00x\"", "\"\\u00\"", "\"\\x41\"", "\"unterminated", "\"\\", "'single'", "NaN", "undefined", "01", "+1")),
        (1, DeepJson),
        (1, Gen.Elements("[1,2,", "{\"a\":", "{\"a\" 1}", "{,}", "[,]", "{\"a\":1,}", "\u0000", "/* comment */ 1")));

    /// <summary>Arrays and objects nested past any sensible depth, up to ten thousand levels.</summary>
    public static Gen<string> DeepJson => Gen.Elements(65, 100, 1_000, 10_000).SelectMany(depth => Gen.Elements(
        new string('[', depth) + new string(']', depth),
        string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
        new string('[', depth)));

    public static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    /// <summary>A short, printable description of a body for a failure message.</summary>
    public static string Describe(byte[] body)
    {
        var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 160)).ReplaceLineEndings("\\n");
        return $"{body.Length} bytes: {head}{(body.Length > 160 ? "…" : "")}";
    }
}
