using CxInbox.Data.Storage;
using CxInbox.Routing.Customers;
using Dapper;

namespace CxInbox.Data.Customers;

/// <summary>Every SQL statement that touches <c>customers</c> and <c>customer_identities</c>.</summary>
public sealed class CustomerStore(Database database)
{
    private const string SelectByIdentity = "SELECT customer_id FROM customer_identities WHERE channel = @channel AND address = @address";

    // Both lookups of ResolveAsync in one round trip: the address itself, else the oldest link of its link key.
    private const string SelectByIdentityOrLinkKey = """
        SELECT (SELECT customer_id FROM customer_identities WHERE channel = @channel AND address = @address) AS known,
               (SELECT customer_id FROM customer_identities WHERE link_key = @linkKey ORDER BY created_at, channel LIMIT 1) AS linked
        """;

    // The oldest link wins, so that a customer split off keeps the addresses moved with them.
    private const string InsertCustomer = "INSERT INTO customers (id, display_name, created_at) VALUES (@id, @displayName, @now)";

    // A concurrent router may have linked the address first; then its customer wins and ours is left unused.
    private const string InsertIdentity = """
        INSERT INTO customer_identities (channel, address, customer_id, created_at, link_key)
        VALUES (@channel, @address, @customerId, @now, @linkKey)
        ON CONFLICT (channel, address) DO NOTHING
        RETURNING customer_id
        """;

    private const string FillMissingName = "UPDATE customers SET display_name = @displayName WHERE id = @id AND display_name IS NULL";

    private const string SelectCustomer = "SELECT id, display_name, created_at, merged_into FROM customers WHERE id = @id";

    private const string SelectIdentities = """
        SELECT channel, address, link_key, created_at FROM customer_identities WHERE customer_id = @id ORDER BY created_at, channel
        """;

    private const string SelectConversations = """
        SELECT c.id, c.channel, c.channel_account, c.customer_address, c.status, c.assignee_id, a.name AS assignee_name,
               c.journey_stage, c.complaint, c.created_at, c.last_message_at
        FROM conversations c LEFT JOIN agents a ON a.id = c.assignee_id
        WHERE c.customer_id = @id
        ORDER BY c.last_message_at DESC, c.id DESC
        """;

    private const string SelectHistory = """
        SELECT m.id, m.conversation_id, m.channel, m.direction, m.text, m.sent_at
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE c.customer_id = @id
        ORDER BY m.sent_at DESC, m.id DESC
        LIMIT @limit
        """;

    private const string MoveIdentities = "UPDATE customer_identities SET customer_id = @target WHERE customer_id = @source";

    private const string MoveConversations = "UPDATE conversations SET customer_id = @target WHERE customer_id = @source";

    private const string MarkMerged = "UPDATE customers SET merged_into = @target WHERE id = @source OR merged_into = @source";

    private const string KeepName = """
        UPDATE customers SET display_name = (SELECT display_name FROM customers WHERE id = @source)
        WHERE id = @target AND display_name IS NULL
        """;

    private const string CountLinkKeys = "SELECT COUNT(DISTINCT link_key) FROM customer_identities WHERE customer_id = @id";

    private const string SelectLinkKeyOfIdentity = """
        SELECT link_key FROM customer_identities WHERE customer_id = @id AND channel = @channel AND address = @address
        """;

    private const string MoveLinkedIdentities = """
        UPDATE customer_identities SET customer_id = @target WHERE customer_id = @source AND link_key = @linkKey
        """;

    private const string MoveConversationsOfIdentities = """
        UPDATE conversations SET customer_id = @target
        WHERE customer_id = @source
          AND EXISTS (SELECT 1 FROM customer_identities i
                      WHERE i.customer_id = @target AND i.channel = conversations.channel AND i.address = conversations.customer_address)
        """;

    /// <summary>The customer who writes from this address: the one already known by it, else the one known by the
    /// same phone number, e-mail address or account on another channel, else a new one (<c>IsNew</c>: nobody has
    /// a history with them yet).</summary>
    public async Task<ResolvedCustomer> ResolveAsync(StoreTransaction tx, string channel, string address, string? displayName, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var linkKey = CustomerLinkKey.For(channel, address);
        var found = await tx.Connection.QuerySingleAsync<LookupRow>(new CommandDefinition(SelectByIdentityOrLinkKey,
            new { channel, address, linkKey }, tx.Transaction, cancellationToken: cancellationToken));
        if (found.Known is { } id)
        {
            await FillNameAsync(tx, id, displayName, cancellationToken);
            return new ResolvedCustomer(id, IsNew: false);
        }

        var customerId = found.Linked ?? Guid.CreateVersion7(now);
        if (found.Linked is null)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertCustomer, new { id = customerId, displayName, now }, tx.Transaction, cancellationToken: cancellationToken));
        }
        else
        {
            await FillNameAsync(tx, customerId, displayName, cancellationToken);
        }

        if (await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(InsertIdentity, new { channel, address, customerId, now, linkKey },
                tx.Transaction, cancellationToken: cancellationToken)) is { } inserted)
        {
            return new ResolvedCustomer(inserted, IsNew: found.Linked is null);
        }

        // A concurrent router linked the address first: its customer wins, and ours is left unused.
        return new ResolvedCustomer(await tx.Connection.QuerySingleAsync<Guid>(new CommandDefinition(SelectByIdentity, new { channel, address },
            tx.Transaction, cancellationToken: cancellationToken)), IsNew: false);
    }

    public async Task<CustomerProfile?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var customer = await connection.QuerySingleOrDefaultAsync<CustomerRecord>(new CommandDefinition(SelectCustomer, new { id }, cancellationToken: cancellationToken));
        if (customer is null)
        {
            return null;
        }

        var identities = await connection.QueryAsync<CustomerIdentity>(new CommandDefinition(SelectIdentities, new { id }, cancellationToken: cancellationToken));
        var conversations = await connection.QueryAsync<CustomerConversation>(new CommandDefinition(SelectConversations, new { id }, cancellationToken: cancellationToken));
        return new CustomerProfile(customer, [.. identities], [.. conversations]);
    }

    /// <summary>The customer's latest messages on every channel, oldest first.</summary>
    public async Task<IReadOnlyList<CustomerHistoryMessage>> HistoryAsync(Guid id, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var newestFirst = await connection.QueryAsync<CustomerHistoryMessage>(new CommandDefinition(SelectHistory, new { id, limit }, cancellationToken: cancellationToken));
        return [.. newestFirst.Reverse()];
    }

    /// <summary>Moves everything of <paramref name="source"/> (addresses, conversations) to <paramref name="target"/>;
    /// the source id then answers as merged into the target. The caller commits, with its audit entry.</summary>
    public async Task<CustomerChange> MergeAsync(StoreTransaction tx, Guid target, Guid source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        foreach (var id in new[] { target, source })
        {
            var customer = await tx.Connection.QuerySingleOrDefaultAsync<CustomerRecord>(new CommandDefinition(SelectCustomer, new { id }, tx.Transaction, cancellationToken: cancellationToken));
            if (customer is null)
            {
                return new CustomerChange.Refused(CustomerChangeRefusal.NotFound, $"Customer {id} does not exist.");
            }

            if (customer.MergedInto is { } survivor)
            {
                return new CustomerChange.Refused(CustomerChangeRefusal.Conflict, $"Customer {id} was already merged into {survivor}.");
            }
        }

        var parameters = new { target, source };
        await tx.Connection.ExecuteAsync(new CommandDefinition(MoveIdentities, parameters, tx.Transaction, cancellationToken: cancellationToken));
        await tx.Connection.ExecuteAsync(new CommandDefinition(MoveConversations, parameters, tx.Transaction, cancellationToken: cancellationToken));
        await tx.Connection.ExecuteAsync(new CommandDefinition(KeepName, parameters, tx.Transaction, cancellationToken: cancellationToken));
        await tx.Connection.ExecuteAsync(new CommandDefinition(MarkMerged, parameters, tx.Transaction, cancellationToken: cancellationToken));
        return new CustomerChange.Done(target);
    }

    /// <summary>Moves one address (with every address of the same phone number, e-mail address or account) and its
    /// conversations to a new customer: for two people a match linked wrongly. The caller commits.</summary>
    public async Task<CustomerChange> SplitAsync(StoreTransaction tx, Guid id, string channel, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var linkKey = await tx.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(SelectLinkKeyOfIdentity, new { id, channel, address }, tx.Transaction, cancellationToken: cancellationToken));
        if (linkKey is null)
        {
            return new CustomerChange.Refused(CustomerChangeRefusal.NotFound, $"Customer {id} has no address {address} on {channel}.");
        }

        if (await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(CountLinkKeys, new { id }, tx.Transaction, cancellationToken: cancellationToken)) < 2)
        {
            return new CustomerChange.Refused(CustomerChangeRefusal.Conflict,
                $"{address} on {channel} is how customer {id} is known everywhere: there is nothing to split it from.");
        }

        var newId = Guid.CreateVersion7(now);
        await tx.Connection.ExecuteAsync(new CommandDefinition(InsertCustomer, new { id = newId, displayName = (string?)null, now }, tx.Transaction, cancellationToken: cancellationToken));
        var parameters = new { target = newId, source = id, linkKey };
        await tx.Connection.ExecuteAsync(new CommandDefinition(MoveLinkedIdentities, parameters, tx.Transaction, cancellationToken: cancellationToken));
        await tx.Connection.ExecuteAsync(new CommandDefinition(MoveConversationsOfIdentities, parameters, tx.Transaction, cancellationToken: cancellationToken));
        return new CustomerChange.Done(newId);
    }

    private static async Task FillNameAsync(StoreTransaction tx, Guid id, string? displayName, CancellationToken cancellationToken)
    {
        if (displayName is not null)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(FillMissingName, new { id, displayName }, tx.Transaction, cancellationToken: cancellationToken));
        }
    }

    private sealed class LookupRow
    {
        public Guid? Known { get; init; }
        public Guid? Linked { get; init; }
    }
}

/// <param name="IsNew">Created by this message: no conversation or agent has a history with them yet.</param>
public sealed record ResolvedCustomer(Guid Id, bool IsNew);
