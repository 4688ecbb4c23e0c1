using CxInbox.Routing.Replies;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Replies;

public sealed class CannedResponseTemplateTests
{
    private static readonly PlaceholderValues All = new("Siti", "Ayu", "A-12345");

    [Test]
    public void Every_placeholder_is_filled_in_wherever_it_appears()
    {
        var rendered = CannedResponseTemplate.Render("Halo {{first_name}}, saya {{agent_name}}. Pesanan {{order_number}} ({{ first_name }}).", All);

        Assert.That(rendered.Text, Is.EqualTo("Halo Siti, saya Ayu. Pesanan A-12345 (Siti)."));
        Assert.That(rendered.Missing, Is.Empty);
    }

    [Test]
    public void Placeholders_are_read_without_regard_to_case_or_spaces_inside_the_braces()
    {
        var rendered = CannedResponseTemplate.Render("Hi {{ First_Name }} / {{AGENT_NAME}}", All);

        Assert.That(rendered.Text, Is.EqualTo("Hi Siti / Ayu"));
    }

    [Test]
    public void A_placeholder_without_a_value_stays_in_the_text_and_is_named_once_as_missing()
    {
        var rendered = CannedResponseTemplate.Render("Hi {{first_name}}, order {{order_number}}; again {{order_number}}.",
            new PlaceholderValues(null, "Ayu", " "));

        Assert.That(rendered.Text, Is.EqualTo("Hi {{first_name}}, order {{order_number}}; again {{order_number}}."));
        Assert.That(rendered.Missing, Is.EqualTo(new[] { "first_name", "order_number" }));
    }

    [Test]
    public void Unknown_placeholders_are_reported_and_known_ones_are_not()
    {
        var unknown = CannedResponseTemplate.UnknownPlaceholders("{{first_name}} {{ voucher }} {{Voucher}} {{agent_name}} {{last_name}} {single} {{ }}");

        Assert.That(unknown, Is.EqualTo(new[] { "voucher", "last_name" }));
    }

    [TestCase("Siti Rahayu", "Siti")]
    [TestCase("  Budi  ", "Budi")]
    [TestCase("Ayu", "Ayu")]
    [TestCase("+6281234567890", null)]
    [TestCase("budi@example.com", null)]
    [TestCase("user123", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void The_first_name_is_the_first_word_of_a_real_name(string? name, string? expected)
    {
        Assert.That(CannedResponseTemplate.FirstNameOf(name), Is.EqualTo(expected));
    }

    [TestCase("Where is my order #A-12345?", "A-12345")]
    [TestCase("pesanan saya 987654321 belum sampai", "987654321")]
    [TestCase("No. pesanan: INV/2026/001", "INV/2026/001")]
    [TestCase("my order number is 55501234.", "55501234")]
    [TestCase("I want to order 2 shirts, call me on 08123456789", null)]
    [TestCase("Halo, kapan dikirim?", null)]
    public void The_order_number_is_found_next_to_the_word_that_names_it(string message, string? expected)
    {
        Assert.That(CannedResponseTemplate.OrderNumberIn([message]), Is.EqualTo(expected));
    }

    [Test]
    public void The_newest_message_that_names_an_order_wins()
    {
        var number = CannedResponseTemplate.OrderNumberIn(["thanks!", "sorry, it is order 77770001", "order 12340000 is late"]);

        Assert.That(number, Is.EqualTo("77770001"));
    }

    // Text made of words, spaces, braces and placeholder names, so near-misses ({first_name}, {{first_name) occur.
    private static readonly Arbitrary<string> Texts = Arb.From(
        Gen.ArrayOf(Gen.Elements("Halo", " ", "kak", "{", "}", "first_name", "agent_name", "é", "\n", "😀", "#12345", "{{ x }}")).Select(string.Concat));

    [Property]
    public Property Text_without_placeholders_is_left_as_it_is() =>
        Prop.ForAll(Texts, text =>
        {
            var body = WithoutBraces(text);
            return CannedResponseTemplate.Render(body, All).Text == body;
        });

    [Property]
    public Property With_every_value_known_no_placeholder_is_left_and_none_is_missing() =>
        Prop.ForAll(Texts, Texts, (prefix, suffix) =>
        {
            var rendered = CannedResponseTemplate.Render($"{WithoutBraces(prefix)}{{{{first_name}}}}{WithoutBraces(suffix)}{{{{ agent_name }}}}{{{{ORDER_NUMBER}}}}", All);
            return rendered.Missing.Count == 0 && !rendered.Text.Contains("{{", StringComparison.Ordinal)
                && rendered.Text.Contains("Siti", StringComparison.Ordinal) && rendered.Text.EndsWith("AyuA-12345", StringComparison.Ordinal);
        });

    private static string WithoutBraces(string? text) => (text ?? "").Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
}
