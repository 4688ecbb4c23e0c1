using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Customers;

/// <summary>Every SQL statement that touches <c>contact_consents</c>.</summary>
public sealed class ConsentStore(Database database)
{
    // Reports can arrive out of order: only a newer change replaces the one on record.
    private const string Upsert = """
        INSERT INTO contact_consents (channel, channel_account, customer_address, opted_out, keyword, provider_message_id, changed_at)
        VALUES (@channel, @channelAccount, @customerAddress, @optedOut, @keyword, @providerMessageId, @changedAt)
        ON CONFLICT (channel, channel_account, customer_address) DO UPDATE
        SET opted_out = excluded.opted_out, keyword = excluded.keyword, provider_message_id = excluded.provider_message_id,
            changed_at = excluded.changed_at
        WHERE contact_consents.changed_at < excluded.changed_at
        """;

    private const string Select = """
        SELECT channel, channel_account, customer_address, opted_out, keyword, provider_message_id, changed_at
        FROM contact_consents
        WHERE channel = @channel AND channel_account = @channelAccount AND customer_address = @customerAddress
        """;

    public async Task ApplyAsync(ConsentRecord consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Named in the SQL's case: SQLite matches parameter names case-sensitively.
        await connection.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            channel = consent.Channel,
            channelAccount = consent.ChannelAccount,
            customerAddress = consent.CustomerAddress,
            optedOut = consent.OptedOut,
            keyword = consent.Keyword,
            providerMessageId = consent.ProviderMessageId,
            changedAt = consent.ChangedAt,
        }, cancellationToken: cancellationToken));
    }

    public async Task<ConsentRecord?> FindAsync(string channel, string channelAccount, string customerAddress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConsentRecord>(new CommandDefinition(Select,
            new { channel, channelAccount, customerAddress }, cancellationToken: cancellationToken));
    }
}

public sealed record ConsentRecord
{
    public string Channel { get; init; } = "";
    public string ChannelAccount { get; init; } = "";
    public string CustomerAddress { get; init; } = "";
    public bool OptedOut { get; init; }
    public string Keyword { get; init; } = "";
    public string ProviderMessageId { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
}
