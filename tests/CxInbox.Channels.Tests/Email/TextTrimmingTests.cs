using CxInbox.Channels.Email.Parsing;

namespace CxInbox.Channels.Tests.Email;

public sealed class TextTrimmingTests
{
    [Test]
    public void Html_loses_scripts_styles_and_tags_and_keeps_links_and_lists()
    {
        const string html = """
            <html><head><title>t</title><style>p{color:red}</style></head><body>
            <script>alert('x')</script><p>Hello&nbsp;team &amp; friends,</p>
            <ul><li>one</li><li>two</li></ul>
            <p>See <a href="https://example.com/o/1">the order</a> or <a href="mailto:a@b.c">mail</a>.</p>
            </body></html>
            """;

        var (text, quote) = HtmlText.Convert(html);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("Hello team & friends,\n\n- one\n- two\n\nSee the order (https://example.com/o/1) or mail."));
            Assert.That(quote, Is.Null);
        });
    }

    [TestCase("<div class=\"gmail_quote\">On Tue, Jane wrote:<blockquote>old</blockquote></div>")]
    [TestCase("<blockquote type=\"cite\">old</blockquote>")]
    [TestCase("<div id=\"divRplyFwdMsg\"><b>From:</b> Support</div><div>old</div>")]
    public void Html_quoted_history_starts_at_the_clients_marker(string quoted)
    {
        var (text, quote) = HtmlText.Convert("<div>New answer</div>" + quoted);

        Assert.That(text[..quote!.Value].Trim(), Is.EqualTo("New answer"));
    }

    [TestCase("Thanks!\n\nOn Wed, 18 Nov 2026 at 09:02, Support <s@x.com> wrote:\n> old")]
    [TestCase("Thanks!\n\nOn Wed, 18 Nov 2026 at 09:02, Example Support\n<s@x.com> wrote:\n> old")]
    [TestCase("Thanks!\n\nPada Rab, 18 Nov 2026 pukul 09.02 Example Support <s@x.com> menulis:\n> lama")]
    [TestCase("Thanks!\n\n-----Original Message-----\nFrom: Support")]
    [TestCase("Thanks!\n\n-----Pesan Asli-----\nDari: Support")]
    [TestCase("Thanks!\n\nFrom: Support <s@x.com>\nSent: Wednesday, 18 November 2026 09:02\nTo: Jane\nSubject: Re: x")]
    [TestCase("Thanks!\n\nDari: Support <s@x.com>\nDikirim: Rabu, 18 November 2026 09.02\nKepada: Jane")]
    [TestCase("Thanks!\n> quoted")]
    [TestCase("Thanks!\n-- \nJane\n+1 555")]
    [TestCase("Thanks!\n\nSent from my iPhone")]
    [TestCase("Thanks!\n\nDikirim dari iPhone saya")]
    public void Plain_text_keeps_only_the_new_part(string text)
    {
        Assert.That(QuotedText.Trim(text), Is.EqualTo("Thanks!"));
    }

    [Test]
    public void A_mail_that_is_only_a_quote_is_shown_whole()
    {
        Assert.That(QuotedText.Trim("> only the old text\n> more"), Is.EqualTo("> only the old text\n> more"));
    }

    [Test]
    public void From_inside_a_sentence_is_not_a_header_block()
    {
        const string text = "From: the warehouse, nobody called.\nPlease check.";

        Assert.That(QuotedText.Trim(text), Is.EqualTo(text));
    }
}
