namespace CxInbox.Data.Storage;

/// <summary>PostgreSQL is the product; SQLite is the embedded first-run store.</summary>
public enum Dialect
{
    Postgres,
    Sqlite,
}
