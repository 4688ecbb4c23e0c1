using System.Net;
using CxInbox.Channels.Facebook.Outbound;

namespace CxInbox.Channels.Tests.Facebook;

/// <summary>channels.md §2.6's table of Send API errors.</summary>
public class GraphFailureTests
{
    [TestCase(400, 10, 2018278, "10/2018278", true)]
    [TestCase(400, 10, 2534022, "10/2534022", true)]
    [TestCase(400, 551, 1545041, "551/1545041", true)]
    [TestCase(400, 100, 2018001, "100/2018001", true)]
    [TestCase(400, 100, null, "100", true)]
    [TestCase(403, 200, null, "200", true)]
    [TestCase(400, 10, null, "10", true)]
    [TestCase(400, 190, 460, "190/460", true)]
    [TestCase(400, 4, null, "4", false)]
    [TestCase(400, 17, null, "17", false)]
    [TestCase(400, 32, null, "32", false)]
    [TestCase(400, 613, null, "613", false)]
    [TestCase(429, 80006, null, "80006", false)]
    [TestCase(500, 1, null, "1", false)]
    [TestCase(500, 2, null, "2", false)]
    [TestCase(400, 1200, null, "1200", false)]
    [TestCase(500, -1, null, "-1", false)]
    [TestCase(503, 99999, null, "99999", false)]
    [TestCase(400, 99999, null, "99999", true)]
    public void Graph_error_is_permanent_or_transient_as_the_table_says(int status, int code, int? subcode, string expectedCode, bool permanent)
    {
        var error = new GraphError(code, subcode, "message from Meta", "trace");

        var failed = GraphFailure.Classify((HttpStatusCode)status, error, MessagingWindow.Standard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo(expectedCode));
            Assert.That(failed.IsPermanent, Is.EqualTo(permanent));
        }
    }

    [TestCase(429, false)]
    [TestCase(500, false)]
    [TestCase(502, false)]
    [TestCase(400, true)]
    [TestCase(404, true)]
    public void Answer_without_a_graph_error_is_judged_by_its_status(int status, bool permanent)
    {
        var failed = GraphFailure.Classify((HttpStatusCode)status, null, MessagingWindow.Standard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(failed.IsPermanent, Is.EqualTo(permanent));
        }
    }

    [Test]
    public void Outside_window_error_tells_the_agent_the_customer_must_write_first()
    {
        var failed = GraphFailure.Classify(HttpStatusCode.BadRequest, new GraphError(10, 2018278, null, null), MessagingWindow.Standard);

        Assert.That(failed.Reason, Does.Contain("outside the messaging window"));
    }

    [Test]
    public void Unknown_permanent_error_passes_on_metas_message()
    {
        var failed = GraphFailure.Classify(HttpStatusCode.BadRequest, new GraphError(12345, null, "(#12345) Something new", null), MessagingWindow.Standard);

        Assert.That(failed.Reason, Does.Contain("(#12345) Something new"));
    }
}
