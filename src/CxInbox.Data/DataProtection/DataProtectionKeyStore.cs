using System.Xml.Linq;
using CxInbox.Data.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CxInbox.Data.DataProtection;

/// <summary>The Data Protection key ring in <c>data_protection_keys</c>: every API process reads the session cookies
/// the others issued, and sessions survive a redeploy. Synchronous because <see cref="IXmlRepository"/> is.</summary>
public sealed class DataProtectionKeyStore(Database database, TimeProvider clock) : IXmlRepository
{
    private const string SelectAll = "SELECT xml FROM data_protection_keys ORDER BY created_at, name";

    // Two processes creating the first key at once both keep theirs: the key ring holds several keys anyway.
    private const string Insert = """
        INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @createdAt)
        ON CONFLICT DO NOTHING
        """;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<string>(SelectAll).Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(Insert, new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), createdAt = clock.GetUtcNow() });
    }
}
