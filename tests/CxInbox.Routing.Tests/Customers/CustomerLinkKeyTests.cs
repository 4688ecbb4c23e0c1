using CxInbox.Routing.Customers;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Customers;

public sealed class CustomerLinkKeyTests
{
    [TestCase("sms", "+6281234567890", "phone:+6281234567890")]
    [TestCase("sms", "+62 812-3456-7890", "phone:+6281234567890")]
    [TestCase("whatsapp", "whatsapp:+6281234567890", "phone:+6281234567890")]
    [TestCase("sms", "081234567890", "phone:081234567890")]
    [TestCase("email", " Rina.Customer@Example.COM ", "email:rina.customer@example.com")]
    [TestCase("x", "1600000000000000002", "x:1600000000000000002")]
    [TestCase("x-dm", "1600000000000000002", "x:1600000000000000002")]
    [TestCase("facebook", "7000000000000001", "facebook:7000000000000001")]
    public void An_address_is_linked_by_its_normalised_identity(string channel, string address, string key) =>
        Assert.That(CustomerLinkKey.For(channel, address), Is.EqualTo(key));

    [Test]
    public void A_phone_number_and_an_account_id_with_the_same_digits_are_not_the_same_customer() =>
        Assert.That(CustomerLinkKey.For("sms", "+1600000000000000002"), Is.Not.EqualTo(CustomerLinkKey.For("x", "+1600000000000000002")));

    [Property]
    public Property However_a_phone_number_is_written_it_links_to_the_same_customer() =>
        Prop.ForAll(
            Arb.From(Gen.ArrayOf(Gen.Choose(0, 9)).Where(d => d.Length is > 5 and < 16)),
            Arb.From(Gen.ArrayOf(Gen.Elements(" ", "-", ".", "(", ")", ""))),
            (digits, separators) =>
            {
                var plain = "+" + string.Concat(digits);
                var written = "+" + string.Concat(digits.Select((d, i) => d + (separators.Length == 0 ? "" : separators[i % separators.Length])));
                return CustomerLinkKey.For("sms", written) == CustomerLinkKey.For("whatsapp", "whatsapp:" + plain);
            });
}
