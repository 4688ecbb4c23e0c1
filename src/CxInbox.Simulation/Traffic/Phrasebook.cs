using static CxInbox.Simulation.Traffic.JourneyStageName;
using static CxInbox.Simulation.Traffic.SimulatedLanguage;

namespace CxInbox.Simulation.Traffic;

/// <summary>What customers of an Indonesian online shop write, in English, Indonesian and the mix of both that
/// chat in Indonesia is full of: every journey stage, complaints and sales questions. <c>{order}</c> and
/// <c>{product}</c> are filled per customer.</summary>
public static class Phrasebook
{
    public sealed record Line(Intent Intent, string Template, string Subject);

    public static readonly IReadOnlyList<Line> Openers =
    [
        // Insight: finding out about a product before buying.
        L(Insight, English, false, true, "Hi, does the {product} come in other colours? What is the difference with the older model?", "Question about the {product}"),
        L(Insight, English, false, true, "Hello, is the {product} original and does it come with an official warranty?", "{product}: warranty"),
        L(Insight, Indonesian, false, true, "Halo kak, {product} ini ada ukuran lain tidak? Bahannya apa ya?", "Tanya {product}"),
        L(Insight, Indonesian, false, true, "Permisi, {product} ini garansi resmi atau bukan? Kalau mau beli stoknya ready?", "Garansi {product}"),
        L(Insight, Mixed, false, true, "Kak, {product} ini ready stock? Mau order buat kado, bisa wrapping gak?", "Tanya stok {product}"),
        L(Insight, Mixed, false, true, "Halo min, compare {product} sama yang versi lama bedanya apa ya? Worth it gak?", "{product} vs versi lama"),

        // Promotion: discounts, vouchers, sales.
        L(Promotion, English, false, true, "Is there any discount code for the {product} this weekend? I want to buy two.", "Discount for the {product}?"),
        L(Promotion, English, false, true, "Hi! Does the 12.12 sale include the {product}? How long does the promo last?", "12.12 sale"),
        L(Promotion, Indonesian, false, true, "Min, ada promo atau voucher diskon untuk {product}? Saya mau beli dua.", "Promo {product}"),
        L(Promotion, Indonesian, false, true, "Kapan ada promo gratis ongkir lagi? Mau beli {product}.", "Promo gratis ongkir"),
        L(Promotion, Mixed, false, true, "Ada promo flash sale buat {product} gak kak? Kemarin voucher-nya udah habis.", "Flash sale {product}"),

        // Transaction: paying, checkout, invoices.
        L(Transaction, English, false, false, "I tried to pay for order {order} by bank transfer but the page says payment pending. Can you check?", "Payment for order {order}"),
        L(Transaction, English, false, true, "Can I pay for the {product} in instalments with my credit card?", "Instalments"),
        L(Transaction, Indonesian, false, false, "Saya sudah transfer untuk pesanan {order} tapi statusnya masih menunggu pembayaran.", "Pembayaran pesanan {order}"),
        L(Transaction, Indonesian, false, true, "Bisa bayar pakai cicilan 0% untuk {product}? Mau checkout sekarang.", "Cicilan {product}"),
        L(Transaction, Mixed, false, false, "Kak udah bayar via virtual account buat order {order}, tapi invoice-nya belum masuk email.", "Invoice order {order}"),
        L(Transaction, Indonesian, true, false, "Saldo saya terpotong dua kali untuk pesanan {order}! Tolong segera dikembalikan.", "Pembayaran ganda {order}"),

        // Delivery: where is my parcel.
        L(Delivery, English, false, false, "Hi, when will order {order} be shipped? I need it by Friday.", "When will order {order} ship?"),
        L(Delivery, English, true, false, "My order {order} was supposed to arrive three days ago and the tracking has not moved. This is really disappointing.", "Order {order} still not delivered"),
        L(Delivery, Indonesian, false, false, "Halo, pesanan {order} sudah dikirim belum? Boleh minta nomor resinya?", "Resi pesanan {order}"),
        L(Delivery, Indonesian, true, false, "Paket saya {order} belum sampai sudah seminggu, kurirnya tidak bisa dihubungi. Kecewa sekali.", "Paket {order} belum sampai"),
        L(Delivery, Mixed, false, false, "Min, pesanan {order} kok tracking-nya belum update ya? Estimasi sampai kapan?", "Tracking {order}"),
        L(Delivery, Mixed, true, false, "Paket {order} udah 5 hari gak sampai-sampai, parah banget sih. Please dicek sekarang.", "Paket {order} telat"),

        // Support: using the product, something does not work.
        L(Support, English, false, false, "How do I pair the {product} with my phone? The manual is not clear.", "Pairing the {product}"),
        L(Support, English, true, false, "The {product} I received stopped working after two days. I am very unhappy with the quality.", "Broken {product}"),
        L(Support, Indonesian, false, false, "Bagaimana cara reset {product}? Lampunya kedip terus.", "Cara reset {product}"),
        L(Support, Indonesian, true, false, "{product} yang saya terima rusak, tidak bisa menyala sama sekali. Tolong ditindaklanjuti.", "{product} rusak"),
        L(Support, Mixed, false, false, "Kak, {product} aku gak bisa connect ke bluetooth, ada tips-nya gak?", "{product} bluetooth"),

        // Return: refunds and exchanges.
        L(Return, English, false, false, "I would like to return the {product} from order {order}, it is the wrong size. How does the return work?", "Return for order {order}"),
        L(Return, English, true, false, "I returned order {order} two weeks ago and still have not received my refund. This is unacceptable.", "Refund for order {order}"),
        L(Return, Indonesian, false, false, "Saya mau tukar {product} dari pesanan {order} karena ukurannya salah. Prosedurnya bagaimana?", "Tukar barang {order}"),
        L(Return, Indonesian, true, false, "Refund untuk pesanan {order} belum masuk ke rekening saya, sudah 10 hari. Mohon segera diproses.", "Refund {order} belum masuk"),
        L(Return, Mixed, false, false, "Mau retur {product} dari order {order}, warnanya beda sama di foto. Bisa dibantu?", "Retur {order}"),
        L(Return, Mixed, true, false, "Refund order {order} belum masuk juga, udah 2 minggu. Please follow up ASAP.", "Refund {order}"),
    ];

    /// <summary>What a customer writes again in the same thread, by language.</summary>
    public static readonly IReadOnlyDictionary<SimulatedLanguage, IReadOnlyList<string>> FollowUps =
        new Dictionary<SimulatedLanguage, IReadOnlyList<string>>
        {
            [English] =
            [
                "Any update on this? It is about order {order}.",
                "Thanks for the quick answer. One more question about the {product}: is there a charger included?",
                "Hello again, I am still waiting for a reply.",
                "Sorry, I forgot to add: my order number is {order}.",
            ],
            [Indonesian] =
            [
                "Halo, ada kabar untuk pesanan {order}?",
                "Terima kasih infonya. Satu lagi, {product} ini ada garansinya berapa lama?",
                "Masih menunggu jawaban ya kak.",
                "Maaf lupa, nomor pesanan saya {order}.",
            ],
            [Mixed] =
            [
                "Kak, any update buat order {order}?",
                "Thanks ya! Btw {product} ini bisa dipakai buat olahraga gak?",
                "Halo, masih nunggu reply nih.",
                "Sorry lupa, order number aku {order}.",
            ],
        };

    public static readonly IReadOnlyDictionary<SimulatedLanguage, IReadOnlyList<string>> Products =
        new Dictionary<SimulatedLanguage, IReadOnlyList<string>>
        {
            [English] = ["wireless earbuds", "running shoes", "rice cooker", "smart watch", "backpack", "air fryer"],
            [Indonesian] = ["sepatu lari", "rice cooker", "jam tangan pintar", "tas ransel", "kipas angin", "batik tulis"],
            [Mixed] = ["earbuds wireless", "sneakers", "smart watch", "tas ransel", "air fryer", "powerbank"],
        };

    public static readonly IReadOnlyList<string> FirstNames =
        ["Rina", "Budi", "Siti", "Agus", "Dewi", "Andi", "Putri", "Rizky", "Emma", "James", "Olivia", "Noah", "Wulan", "Hendra", "Maya", "Daniel"];

    public static readonly IReadOnlyList<string> LastNames =
        ["Wijaya", "Santoso", "Pratama", "Lestari", "Hidayat", "Kusuma", "Smith", "Brown", "Tan", "Lim", "Saputra", "Nugroho"];

    private static Line L(JourneyStageName stage, SimulatedLanguage language, bool complaint, bool sales, string template, string subject) =>
        new(new Intent(stage, language, complaint, sales), template, subject);
}
