using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Email;

/// <summary>Names the exact key that is wrong, so a bad mailbox stops the start instead of failing on first poll.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Mailboxes.Count; i++)
        {
            var m = options.Mailboxes[i];
            var key = $"{EmailOptions.SectionName}:Mailboxes:{i}";
            if (!MimeKit.MailboxAddress.TryParse(m.Address, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
            {
                errors.Add($"{key}:Address must be an e-mail address.");
            }
            else if (!addresses.Add(parsed.Address))
            {
                errors.Add($"{key}:Address {parsed.Address} is configured twice.");
            }

            Require(errors, m.Host, $"{key}:Host");
            Require(errors, m.User, $"{key}:User");
            Require(errors, m.Password, $"{key}:Password");
            Require(errors, m.Folder, $"{key}:Folder");
            if (m.Port is < 1 or > 65535)
            {
                errors.Add($"{key}:Port must be between 1 and 65535.");
            }

            if (m.ProcessedAction == ProcessedAction.Move && string.IsNullOrWhiteSpace(m.MoveTo))
            {
                errors.Add($"{key}:MoveTo is required when ProcessedAction is Move.");
            }

            if (m.PollInterval < TimeSpan.FromSeconds(1) || m.PollInterval > TimeSpan.FromMinutes(25))
            {
                errors.Add($"{key}:PollInterval must be between 00:00:01 and 00:25:00 (servers drop idle connections after 30 minutes).");
            }

            var smtp = m.Smtp ?? options.Smtp;
            if (smtp is null || string.IsNullOrWhiteSpace(smtp.Host))
            {
                errors.Add($"{key}:Smtp:Host or {EmailOptions.SectionName}:Smtp:Host is required to send replies.");
            }
            else if (smtp.Port is < 1 or > 65535)
            {
                errors.Add($"{key}:Smtp:Port must be between 1 and 65535.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Require(List<string> errors, string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required.");
        }
    }
}
