namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>Where the real services are. test.sh exports these; the defaults are what test.sh sets up.</summary>
internal static class TestEnvironment
{
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("CXINBOX_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=cxinbox;Password=cxinbox;Database=postgres";

    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("CXINBOX_TEST_RABBITMQ") is { Length: > 0 } value
            ? value
            : "amqp://cxinbox:cxinbox@127.0.0.1:5672/");

    public static Uri RabbitMqManagement =>
        new(Environment.GetEnvironmentVariable("CXINBOX_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } value
            ? value
            : "http://127.0.0.1:15672/");

    /// <summary>The test mail system (test.sh): IMAP and SMTP as host:port, every address @<see cref="MailDomain"/>
    /// a mailbox with <see cref="MailPassword"/>.</summary>
    public static (string Host, int Port) Imap => HostPort("CXINBOX_TEST_IMAP", "127.0.0.1:10143");

    public static (string Host, int Port) Smtp => HostPort("CXINBOX_TEST_SMTP", "127.0.0.1:10025");

    /// <summary>An SMTP server that refuses every recipient with 554 5.7.1.</summary>
    public static (string Host, int Port) RefusingSmtp => HostPort("CXINBOX_TEST_SMTP_REFUSING", "127.0.0.1:10026");

    public static string MailDomain => Environment.GetEnvironmentVariable("CXINBOX_TEST_MAIL_DOMAIN") is { Length: > 0 } value ? value : "cx.test";

    public static string MailPassword => Environment.GetEnvironmentVariable("CXINBOX_TEST_MAIL_PASSWORD") is { Length: > 0 } value ? value : "cxinbox";

    private static (string Host, int Port) HostPort(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set : fallback;
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A missing service fails the run on CI, where a skip would look green; elsewhere it is an ignore that
    /// says how to start the services.</summary>
    public static void ServiceMissing(string what, Exception cause)
    {
        var message = $"{what} is not reachable ({cause.GetBaseException().Message}). Start the services with: ./test.sh --services-only";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
