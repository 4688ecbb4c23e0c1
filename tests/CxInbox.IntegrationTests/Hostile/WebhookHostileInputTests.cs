using System.Security.Cryptography;
using System.Text;
using CxInbox.IntegrationTests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace CxInbox.IntegrationTests.Hostile;

/// <summary>
/// Every webhook through the running Host with hostile input: random bytes, bodies over the limit, invalid UTF-8 and
/// escapes, deep JSON, CRLF in headers and values, SQL-injection strings, and payloads that are signed with the
/// test secret (so they pass the signature and reach the parser) but malformed. Never a 5xx; a refusal is a 4xx
/// problem+json with a reason and publishes nothing; whatever was accepted is stored.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class WebhookHostileInputTests
{
    private const string TwilioSms = "/webhooks/twilio/sms";
    private const int OverLimit = (1024 * 1024) + 1;

    private HostileHost host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = await HostileHost.StartAsync("hostile_webhooks");

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task Twilio_sms_webhook_refuses_hostile_input_with_a_reason_and_stores_what_it_accepts()
    {
        _ = host.Check("twilio/sms", Gen.Frequency(
            (3, Garbage(TwilioSms, "X-Twilio-Signature", FormOrOther)),
            (6, SignedTwilioForm(TwilioSms, SmsFields)),
            (2, UndecodableForm(TwilioSms)),
            (1, Huge(TwilioSms, "application/x-www-form-urlencoded"))));

        Assert.That(await host.PublishedButNotStoredAsync(), Is.Empty);
    }

    [Test]
    public async Task A_signed_sms_with_NUL_characters_is_stored_not_lost()
    {
        // Found by this suite: PostgreSQL's text holds no U+0000, so the message was acknowledged and never stored.
        var sid = "SMnul" + Guid.NewGuid().ToString("N");
        var form = TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "Halo\0 pesanan\0", sid);

        using var response = await host.Client.SendAsync(TwilioWebhooks.Signed(form));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await Eventually.Until(() => host.ScalarAsync($"SELECT COUNT(*) FROM messages WHERE provider_message_id = '{sid}'"),
            n => n == 1, "the message stored", TimeSpan.FromMinutes(1)), Is.EqualTo(1));
    }

    [Test]
    public void Twilio_status_webhook_refuses_hostile_input_with_a_reason()
    {
        var target = HostileValues.NastyString.Select(reply => "/webhooks/twilio/status?reply=" + Uri.EscapeDataString(reply.Length > 500 ? reply[..500] : reply));
        _ = host.Check("twilio/status", Gen.Frequency(
            (2, target.SelectMany(t => Garbage(t, "X-Twilio-Signature", FormOrOther))),
            (6, target.SelectMany(t => SignedTwilioForm(t, StatusFields))),
            (1, UndecodableForm("/webhooks/twilio/status"))));
    }

    [Test]
    public async Task Facebook_webhook_refuses_hostile_input_with_a_reason_and_stores_what_it_accepts()
    {
        _ = host.Check("facebook", Gen.Frequency(
            (2, Garbage("/webhooks/facebook", "X-Hub-Signature-256", JsonOrOther)),
            (6, Signed("/webhooks/facebook", MessengerJson, body => ("X-Hub-Signature-256", HexSignature(HostileHost.FacebookAppSecret, body)))),
            (2, Handshake),
            (1, Huge("/webhooks/facebook", "application/json"))));

        Assert.That(await host.PublishedButNotStoredAsync(), Is.Empty);
    }

    [Test]
    public async Task X_webhook_and_its_crc_check_refuse_hostile_input_with_a_reason_and_store_what_they_accept()
    {
        _ = host.Check("x", Gen.Frequency(
            (2, Garbage("/webhooks/x", "X-Twitter-Webhooks-Signature", JsonOrOther)),
            (6, Signed("/webhooks/x", XJson, body => ("X-Twitter-Webhooks-Signature", Base64Signature(HostileHost.XConsumerSecret, body)))),
            (2, Crc),
            (1, Huge("/webhooks/x", "application/json"))));

        Assert.That(await host.PublishedButNotStoredAsync(), Is.Empty);
    }

    [Test]
    public async Task Generic_webhook_refuses_hostile_input_with_a_reason_and_stores_what_it_accepts()
    {
        _ = host.Check("generic", Gen.Frequency(
            (2, Garbage("/webhooks/generic", "X-CxInbox-Signature", JsonOrOther)),
            (6, Signed("/webhooks/generic", GenericJson, body => ("X-CxInbox-Signature", HexSignature(HostileHost.WebhookSecret, body)))),
            (1, Huge("/webhooks/generic", "application/json"))));

        Assert.That(await host.PublishedButNotStoredAsync(), Is.Empty);
    }

    [Test]
    public void Unknown_webhook_paths_and_methods_are_refused_with_a_reason() =>
        _ = host.Check("unknown webhook", Gen.Elements("PUT", "DELETE", "PATCH", "POST", "GET", "OPTIONS")
            // Not NUL: Kestrel answers a path with %00 400 itself, before any middleware; the in-process TestServer throws.
            .SelectMany(method => HostileValues.NastyString.Where(path => !path.Contains('\0')).Select(path => new HostileRequest(method,
                "/webhooks/" + Uri.EscapeDataString(path.Length > 300 ? path[..300] : path) + "/nope", [], [], MustBeRefused: true, "unknown route"))));

    // ---- the wire formats, filled with hostile values ----

    private static readonly string[] SmsFieldNames = ["MessageSid", "From", "To", "AccountSid", "Body", "NumMedia", "MediaUrl0", "MediaContentType0", "MediaUrl1", "ToCountry"];

    private static readonly string[] StatusFieldNames = ["MessageSid", "MessageStatus", "AccountSid", "ErrorCode", "To", "From"];

    private static Gen<string> FormOrOther => Gen.Elements("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded; charset=utf-16", "application/x-www-form-urlencoded\r\nX-Injected: 1", "", "*/*");

    private static Gen<string> JsonOrOther => Gen.Elements("application/json", "application/json; charset=latin1", "text/plain",
        "application/x-www-form-urlencoded", "application/json\r\nX-Injected: 1", "", "application/xml");

    /// <summary>A field of a Twilio form: mostly plausible, often hostile.</summary>
    private static Gen<List<KeyValuePair<string, string>>> SmsFields => Fields(SmsFieldNames, name => name switch
    {
        "MessageSid" => Gen.Constant(0).Select(_ => "SMfuzz" + Guid.NewGuid().ToString("N")),
        "From" => Gen.Constant(0).Select(_ => TwilioWebhooks.NewCustomerNumber()),
        "To" => Gen.Constant(TwilioWebhooks.OurNumber),
        "AccountSid" => Gen.Constant(CxInboxHostFactory.TwilioAccountSid),
        "NumMedia" => Gen.Elements("0", "1", "2"),
        "MediaUrl0" or "MediaUrl1" => Gen.Constant("https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME"),
        _ => Gen.Elements("Halo, pesanan saya belum sampai", "Kartu 4111 1111 1111 1111", "image/jpeg"),
    });

    private static Gen<List<KeyValuePair<string, string>>> StatusFields => Fields(StatusFieldNames, name => name switch
    {
        "MessageSid" => Gen.Constant(0).Select(_ => "SMfuzz" + Guid.NewGuid().ToString("N")),
        "MessageStatus" => Gen.Elements("queued", "sent", "delivered", "undelivered", "failed", "read", "received"),
        "AccountSid" => Gen.Constant(CxInboxHostFactory.TwilioAccountSid),
        "ErrorCode" => Gen.Elements("30003", "21610", ""),
        _ => Gen.Constant(TwilioWebhooks.OurNumber),
    });

    /// <summary>Each known field present or not, plausible (3 in 4) or hostile, plus sometimes an unknown field.</summary>
    private static Gen<List<KeyValuePair<string, string>>> Fields(string[] names, Func<string, Gen<string>> plausible) =>
        Gen.CollectToArray(names.Select(name => Gen.Frequency(
                (1, Gen.Constant<KeyValuePair<string, string>?>(null)),
                (6, plausible(name).Select(v => (KeyValuePair<string, string>?)new(name, v))),
                (2, HostileValues.AnyString.Select(v => (KeyValuePair<string, string>?)new(name, v))))))
            .SelectMany(fields => HostileValues.AnyString.Zip(Gen.Elements(true, false, false)).Select(extra =>
            {
                var list = fields.Where(f => f is not null).Select(f => f!.Value).ToList();
                if (extra.Item2 && extra.Item1.Length > 0)
                {
                    list.Add(new(extra.Item1, extra.Item1));
                }

                return list;
            }));

    /// <summary>A form Twilio could have sent: percent-encoded UTF-8, signed with our auth token over the public URL.</summary>
    private static Gen<HostileRequest> SignedTwilioForm(string target, Gen<List<KeyValuePair<string, string>>> fields) =>
        fields.Zip(ExtraHeaders).Select(t =>
        {
            // Lone surrogates cannot travel as UTF-8: Twilio would have sent what they turn into.
            var form = t.Item1.Select(p => new KeyValuePair<string, string>(RoundTrip(p.Key), RoundTrip(p.Value))).ToList();
            var body = Encoding.ASCII.GetBytes(string.Join('&', form.Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value))));
            var signature = TwilioWebhooks.Signature(CxInboxHostFactory.TwilioAuthToken, CxInboxHostFactory.PublicBaseUrl + target, form);
            return new HostileRequest("POST", target,
                [new("Content-Type", "application/x-www-form-urlencoded"), new("X-Twilio-Signature", signature), .. t.Item2], body, false, "signed form");
        });

    /// <summary>A form body that does not decode: bad percent-escapes, or escapes and raw bytes that are not UTF-8.</summary>
    private static Gen<HostileRequest> UndecodableForm(string target) =>
        Gen.OneOf(
                Gen.Elements("Body=%ZZ", "Body=%", "Body=%4", "MessageSid=SM1&From=%C3%28", "Body=%ED%A0%80", "=value", "%FF%FE=1")
                    .Select(Encoding.ASCII.GetBytes),
                HostileValues.InvalidUtf8.Select(bytes => (byte[])[.. "Body="u8.ToArray(), .. bytes]))
            .Select(body => new HostileRequest("POST", target,
                [new("Content-Type", "application/x-www-form-urlencoded"), new("X-Twilio-Signature", "AAAA")], body, true, "undecodable form"));

    /// <summary>Random bytes or hostile text under a random or missing signature: nothing to verify them with.</summary>
    private static Gen<HostileRequest> Garbage(string target, string signatureHeader, Gen<string> contentTypes) =>
        from body in Gen.OneOf(HostileValues.RandomBytes(64 * 1024), HostileValues.InvalidUtf8, HostileValues.JsonValue.Select(Encoding.UTF8.GetBytes))
        from contentType in contentTypes
        from signature in Gen.Elements<string?>(null, "", "sha256=00", "sha256=" + new string('a', 64), "AAAA", "\r\nX-Injected: 1")
        from extra in ExtraHeaders
        select new HostileRequest("POST", target,
            [.. extra, .. contentType.Length > 0 ? [new("Content-Type", contentType)] : Array.Empty<KeyValuePair<string, string>>(),
             .. signature is null ? [] : new KeyValuePair<string, string>[] { new(signatureHeader, signature) }],
            body, MustBeRefused: true, "unsigned garbage");

    private static Gen<HostileRequest> Huge(string target, string contentType) =>
        Gen.Elements(OverLimit, 3 * OverLimit).Select(length => new HostileRequest("POST", target,
            [new("Content-Type", contentType)], Enumerable.Repeat((byte)'a', length).ToArray(), MustBeRefused: true, "over the size limit"));

    private static Gen<HostileRequest> Signed(string target, Gen<string> json, Func<byte[], (string Name, string Value)> sign) =>
        Gen.Frequency(
                (6, json.Select(Encoding.UTF8.GetBytes)),
                (1, HostileValues.RandomBytes(16 * 1024)),
                (1, HostileValues.InvalidUtf8.Select(b => (byte[])[.. "{\"text\":\""u8.ToArray(), .. b, .. "\"}"u8.ToArray()])))
            .SelectMany(body => Gen.Elements("application/json", "application/json", "application/json; charset=utf-8", "text/plain").Zip(ExtraHeaders)
                .Select(t =>
                {
                    var (name, value) = sign(body);
                    return new HostileRequest("POST", target, [new("Content-Type", t.Item1), new(name, value), .. t.Item2], body, false, "signed payload");
                }));

    /// <summary>Meta's GET handshake with hostile query values; sometimes with the right token.</summary>
    private static Gen<HostileRequest> Handshake =>
        from mode in Gen.Elements("subscribe", "", "unsubscribe")
        from token in Gen.Elements(HostileHost.FacebookVerifyToken, "wrong", "")
        from challenge in QueryValue
        select new HostileRequest("GET",
            $"/webhooks/facebook?hub.mode={mode}&hub.verify_token={Uri.EscapeDataString(token)}&hub.challenge={challenge}", [], [], false, "handshake");

    /// <summary>X's CRC check with a hostile crc_token.</summary>
    private static Gen<HostileRequest> Crc =>
        QueryValue.Select(token => new HostileRequest("GET", "/webhooks/x?crc_token=" + token, [], [], false, "crc"));

    /// <summary>A query value as it appears in the URL: escaped hostile text, or raw broken escapes.</summary>
    private static Gen<string> QueryValue => Gen.Frequency(
        (3, HostileValues.NastyString.Select(v => Uri.EscapeDataString(v.Length > 4000 ? v[..4000] : v))),
        (1, Gen.Elements("%ZZ", "%", "%C3%28", "%ED%A0%80", "%00", "a%0d%0aX-Injected:%201", "&&&", "==")));

    /// <summary>Headers a hostile client adds: CRLF injection, forged forwarding, absurd lengths.</summary>
    private static Gen<List<KeyValuePair<string, string>>> ExtraHeaders =>
        Gen.Elements<List<KeyValuePair<string, string>>>(
            [],
            [],
            [new("X-Forwarded-Host", "evil.example\r\nX-Injected: 1")],
            [new("X-Forwarded-For", "1.2.3.4, '; DROP TABLE messages; --")],
            [new("User-Agent", "\r\nSet-Cookie: injected=1")],
            [new("X-Long", new string('h', 16 * 1024))],
            [new("Content-Encoding", "gzip")],
            [new("Transfer-Encoding", "chunked, identity")]);

    private static Gen<string> Slot(string valid) => Gen.Frequency((4, Gen.Constant(valid)), (1, HostileValues.JsonValue));

    private static Gen<string> Slot(Func<string> valid) =>
        Gen.Frequency((4, Gen.Constant(0).Select(_ => valid())), (1, HostileValues.JsonValue));

    private static Gen<string> Text => Gen.Frequency((2, Gen.Constant("\"Halo, pesanan saya belum sampai\"")), (3, HostileValues.NastyString.Select(HostileValues.Quote)),
        (1, HostileValues.JsonValue));

    private static Gen<string> MessengerJson =>
        from obj in Slot("\"page\"")
        from page in Slot($"\"{HostileHost.FacebookPageId}\"")
        from time in Slot("1795000000123")
        from sender in Slot(() => $"\"{Random.Shared.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000)}\"")
        from mid in Slot(() => $"\"m_fuzz{Guid.NewGuid():N}\"")
        from text in Text
        from attachments in Gen.Elements("", ",\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"https://example.com/a.jpg\"}}]",
            ",\"attachments\":" + "[1,\"x\",null]", ",\"attachments\":{}", ",\"quick_reply\":{\"payload\":" + "\"\\ud800\"}")
        from wrap in Gen.Elements(0, 0, 0, 1, 2)
        select wrap switch
        {
            1 => $"{{\"object\":{obj},\"entry\":{page}}}",
            2 => $"{{\"object\":{obj},\"entry\":[{{\"id\":{page},\"messaging\":[{{\"sender\":{sender}}}]}}]}}",
            _ => $"{{\"object\":{obj},\"entry\":[{{\"id\":{page},\"time\":{time},\"messaging\":[{{\"sender\":{{\"id\":{sender}}},\"recipient\":{{\"id\":{page}}},\"timestamp\":{time},\"message\":{{\"mid\":{mid},\"text\":{text}{attachments}}}}}]}}]}}",
        };

    private static Gen<string> XJson =>
        from account in Slot($"\"{HostileHost.XAccountId}\"")
        from id in Slot(() => $"\"{Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue)}\"")
        from created in Slot("\"1795000200456\"")
        from sender in Slot(() => $"\"{Random.Shared.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000)}\"")
        from text in Text
        from kind in Gen.Elements(0, 0, 1, 2)
        select kind switch
        {
            1 => $"{{\"for_user_id\":{account},\"tweet_create_events\":[{{\"id_str\":{id},\"text\":{text},\"user\":{{\"id_str\":{sender}}},\"timestamp_ms\":{created},\"entities\":{{\"user_mentions\":[{{\"id_str\":{account}}}]}}}}]}}",
            2 => $"{{\"data\":{{\"event_type\":{text},\"payload\":{id}}}}}",
            _ => $"{{\"for_user_id\":{account},\"direct_message_events\":[{{\"type\":\"message_create\",\"id\":{id},\"created_timestamp\":{created},\"message_create\":{{\"target\":{{\"recipient_id\":{account}}},\"sender_id\":{sender},\"message_data\":{{\"text\":{text}}}}}}}],\"users\":{{}}}}",
        };

    private static Gen<string> GenericJson =>
        from account in Slot("\"shop-1\"")
        from id in Slot(() => $"\"fuzz-{Guid.NewGuid():N}\"")
        from customer in Slot(() => $"\"customer-{Guid.NewGuid():N}\"")
        from name in Slot("\"Rina\"")
        from text in Text
        from sentAt in Slot("\"2026-12-04T07:30:00Z\"")
        from attachments in Gen.Elements("", ",\"attachments\":[{\"url\":\"https://example.com/a.jpg\",\"contentType\":\"image/jpeg\"}]",
            ",\"attachments\":[{\"url\":\"javascript:alert(1)\"}]", ",\"attachments\":[{\"url\":\"http://[::1\"}]", ",\"attachments\":7")
        select $"{{\"account\":{account},\"messages\":[{{\"id\":{id},\"from\":{customer},\"name\":{name},\"text\":{text},\"sentAt\":{sentAt}{attachments}}}]}}";

    private static string HexSignature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static string Base64Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static string RoundTrip(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static string PercentEncode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            encoded.Append(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}");
        }

        return encoded.ToString();
    }
}
