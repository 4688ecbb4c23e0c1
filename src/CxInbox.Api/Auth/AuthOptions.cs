namespace CxInbox.Api.Auth;

/// <summary>The <c>CxInbox:Auth</c> section. A class, not a record: a record's ToString would print the key.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "CxInbox:Auth";

    /// <summary>When set, <c>Authorization: Bearer &lt;key&gt;</c> is an administrator of the API. Default: empty,
    /// which leaves the API closed (401) until users and keys exist.</summary>
    public string BootstrapAdminKey { get; set; } = "";
}
