using static CxInbox.Simulation.Traffic.JourneyStageName;
using static CxInbox.Simulation.Traffic.SimulatedLanguage;

namespace CxInbox.Simulation.Traffic;

/// <summary>What customers of an Indonesian online shop write, in English, Indonesian and the mix of both that
/// chat in Indonesia is full of: every journey stage, complaints and sales questions. <c>{order}</c> and
/// <c>{product}</c> are filled per customer.</summary>
public static class Phrasebook
{
    public sealed record Line(Intent Intent, string Template, string Subject);

    // Each opener is read back by the shipped classifier in tests/CxInbox.Simulation.Tests (PhrasebookTests): stage,
    // complaint, sales opportunity and language must come out as labelled here.
    public static readonly IReadOnlyList<Line> Openers =
    [
        // Insight: feedback, praise and suggestions.
        L(Insight, English, false, false, "Just wanted to say the {product} I bought are amazing. Great job, keep it up!", "Feedback on the {product}"),
        L(Insight, English, false, false, "Suggestion: it would be great if your app let me save my favourite items. Just an idea!", "A suggestion for your app"),
        L(Insight, Indonesian, false, false, "Pelayanan toko kalian bagus sekali, {product} yang saya beli nyaman dipakai. Terima kasih!", "Terima kasih"),
        L(Insight, Indonesian, false, false, "Saran saja, aplikasinya sebaiknya ada fitur simpan barang favorit.", "Saran untuk aplikasi"),
        L(Insight, Indonesian, true, false, "Sejak ganti kemasan, kopi bubuk kalian cepat apek. Kemasan lama lebih rapat. Mohon dipertimbangkan lagi", "Masukan soal kemasan"),
        L(Insight, Mixed, false, false, "Overall happy banget sama {product}-nya, kualitasnya bagus. Keep it up!", "Feedback {product}"),
        L(Insight, Mixed, true, false, "Sorry to say, kualitas jahitan tas ransel kalian sekarang beda banget, not as good as before. Dulu favorit saya", "Kualitas tas ransel"),

        // Promotion: discounts, vouchers, sales.
        L(Promotion, English, false, true, "Is there any discount code for the {product} this weekend? I want to buy two.", "Discount for the {product}?"),
        L(Promotion, English, false, true, "Hi! Does the 12.12 sale include the {product}? How long does the promo last?", "12.12 sale"),
        L(Promotion, Indonesian, false, true, "Min, ada promo atau voucher diskon untuk {product}? Saya mau beli dua.", "Promo {product}"),
        L(Promotion, Indonesian, false, true, "Kapan ada promo gratis ongkir lagi? Mau beli {product}.", "Promo gratis ongkir"),
        L(Promotion, Mixed, false, true, "Kak, is the flash sale buat {product} still on? I want to order dua, voucher-nya masih bisa dipakai?", "Flash sale {product}"),

        // Transaction: choosing, ordering, paying.
        L(Transaction, English, false, true, "Hi, does the {product} come in other colours? I would like to order one today.", "Ordering the {product}"),
        L(Transaction, English, false, true, "Can I pay for the {product} in instalments with my credit card?", "Instalments"),
        L(Transaction, Indonesian, false, true, "Halo kak, {product} ini ada warna lain? Kalau ada saya mau pesan sekarang.", "Pesan {product}"),
        L(Transaction, Indonesian, false, true, "Bisa bayar pakai cicilan 0% untuk {product}? Mau checkout sekarang.", "Cicilan {product}"),
        L(Transaction, Mixed, false, true, "Kak, {product} ini ready stock? Mau order buat kado, bisa pay pakai e-wallet gak?", "Order {product}"),

        // Delivery: where is my parcel.
        L(Delivery, English, false, false, "Hi, has order {order} been shipped yet? Could you share the tracking number?", "Tracking for order {order}"),
        L(Delivery, English, true, false, "My order {order} was supposed to arrive three days ago and the tracking has not moved. This is really disappointing.", "Order {order} still not delivered"),
        L(Delivery, Indonesian, false, false, "Halo, pesanan {order} sudah dikirim belum? Boleh minta nomor resinya?", "Resi pesanan {order}"),
        L(Delivery, Indonesian, true, false, "Paket saya {order} belum sampai sudah seminggu, kurirnya tidak bisa dihubungi. Kecewa sekali.", "Paket {order} belum sampai"),
        L(Delivery, Mixed, false, false, "Min, my order {order} kapan dikirim ya? Estimated arrival-nya when?", "Order {order}"),
        L(Delivery, Mixed, true, false, "Paket {order} udah 5 hari gak sampai-sampai, parah banget sih. Please dicek sekarang.", "Paket {order} telat"),

        // Support: using the product, something does not work.
        L(Support, English, false, false, "How do I pair the {product} with my phone? The manual is not clear.", "Pairing the {product}"),
        L(Support, English, true, false, "The {product} I received stopped working after two days. I am very unhappy with the quality.", "Broken {product}"),
        L(Support, Indonesian, false, false, "Bagaimana cara menghubungkan {product} ke HP saya?", "Cara pakai {product}"),
        L(Support, Indonesian, true, false, "{product} yang saya terima rusak, tidak bisa dipakai. Tolong ditindaklanjuti.", "{product} rusak"),
        L(Support, Mixed, false, false, "Kak, gimana cara setting {product} ke laptop? Step-nya di manual aku belum ngerti, thanks!", "Setting {product}"),

        // Return: refunds and exchanges.
        L(Return, English, false, false, "I would like to return the {product} from order {order}, it is the wrong size. How does the return work?", "Return for order {order}"),
        L(Return, English, true, false, "I returned order {order} two weeks ago and still have not received my refund. This is unacceptable.", "Refund for order {order}"),
        L(Return, Indonesian, false, false, "Saya mau tukar {product} dari pesanan {order} karena saya salah pilih ukuran. Prosedurnya bagaimana?", "Tukar barang {order}"),
        L(Return, Indonesian, true, false, "Refund untuk pesanan {order} belum masuk ke rekening saya, sudah 10 hari. Mohon segera diproses.", "Refund {order} belum masuk"),
        L(Return, Mixed, false, false, "Mau return {product} dari order {order}, I picked the wrong colour. Bisa dibantu?", "Retur {order}"),
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
