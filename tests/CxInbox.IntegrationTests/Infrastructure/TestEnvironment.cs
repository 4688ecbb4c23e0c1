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
