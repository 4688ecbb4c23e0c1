using System.Text;
using CxInbox.Channels.Webhooks;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Channels.Tests.Webhooks;

public class FormBodyTests
{
    [Test]
    public void Plus_becomes_a_space_and_escaped_plus_stays_a_plus()
    {
        var fields = Parse("Body=Thanks+a+lot&From=%2B15555550123");

        Assert.That(fields, Is.EqualTo(new[] { Pair("Body", "Thanks a lot"), Pair("From", "+15555550123") }));
    }

    [Test]
    public void Empty_value_is_kept()
    {
        var fields = Parse("ToCity=&ToState=CA");

        Assert.That(fields, Is.EqualTo(new[] { Pair("ToCity", ""), Pair("ToState", "CA") }));
    }

    [Test]
    public void Field_without_equals_sign_is_a_name_with_an_empty_value()
    {
        var fields = Parse("ToCity&ToState=CA");

        Assert.That(fields, Is.EqualTo(new[] { Pair("ToCity", ""), Pair("ToState", "CA") }));
    }

    [Test]
    public void Repeated_names_are_all_kept_in_order()
    {
        var fields = Parse("Tag=b&Other=x&Tag=a&Tag=b");

        Assert.That(fields, Is.EqualTo(new[] { Pair("Tag", "b"), Pair("Other", "x"), Pair("Tag", "a"), Pair("Tag", "b") }));
    }

    [Test]
    public void Multibyte_utf8_escapes_decode_to_their_characters()
    {
        var fields = Parse("Body=Caf%C3%A9+%F0%9F%93%A6");

        Assert.That(fields, Is.EqualTo(new[] { Pair("Body", "Café \U0001F4E6") }));
    }

    [Test]
    public void Empty_body_gives_no_fields()
    {
        var ok = FormBody.TryParse([], out var fields, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ok, Is.True);
            Assert.That(fields, Is.Empty);
            Assert.That(error, Is.Null);
        }
    }

    [TestCase("Body=%zz")]
    [TestCase("Body=%4")]
    [TestCase("Body=100%")]
    [TestCase("%4=x")]
    [TestCase("Body=%FF")]
    [TestCase("Body=%C3")]
    [TestCase("Body=%ED%A0%80")]
    public void Invalid_escape_or_utf8_is_refused_with_an_error(string body)
    {
        var ok = FormBody.TryParse(Encoding.ASCII.GetBytes(body), out _, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Is.Not.Null.And.Not.Empty);
        }
    }

    [Test]
    public void Raw_bytes_that_are_not_utf8_are_refused()
    {
        byte[] body = [.. "Body=caf"u8, 0xE9];

        var ok = FormBody.TryParse(body, out _, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Is.Not.Null.And.Not.Empty);
        }
    }

    [Property]
    public Property Escaped_pairs_parse_back_to_the_same_pairs() =>
        Prop.ForAll((NonEmptyString[] names, UnicodeString[] values) =>
        {
            // A lone surrogate has no UTF-8 form, so no provider can send one; UTF-8 round-tripping turns it into
            // U+FFFD as any sender would, leaving only strings that could really be posted.
            var pairs = names.Zip(values, (n, v) => Pair(Sendable(n.Get), Sendable(v.Get ?? ""))).ToList();
            var body = string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

            var ok = FormBody.TryParse(Encoding.ASCII.GetBytes(body), out var fields, out _);

            return ok && fields.SequenceEqual(pairs);
        });

    private static string Sendable(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static List<KeyValuePair<string, string>> Parse(string body)
    {
        Assert.That(FormBody.TryParse(Encoding.ASCII.GetBytes(body), out var fields, out var error), Is.True, error);
        return fields;
    }

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);
}
