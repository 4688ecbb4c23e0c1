using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>No reply, no keeping: an agent who leaves a waiting customer unanswered loses the conversation to a
/// colleague with room; one who answered keeps it.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class NoReplyReassignTests(Engines engines) : HostPerTest(engines, "noreply", new Dictionary<string, string?>
    {
        ["Routing:Sla:ReassignWithoutReplyAfter"] = "00:00:01",
        ["Routing:Sla:CheckInterval"] = "00:00:00.200",
    })
{
    [Test]
    public async Task An_unanswered_conversation_goes_to_a_colleague_and_the_history_says_why_while_an_answered_one_stays()
    {
        var silent = await host.CreateOnlineAgentAsync(capacity: 5);
        var unanswered = TwilioWebhooks.NewCustomerNumber();
        var answered = TwilioWebhooks.NewCustomerNumber();
        using var first = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(unanswered, "Halo? Ada orang?")));
        using var second = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(answered, "Pesanan saya belum sampai")));
        var waiting = await host.AssignedConversationAsync(unanswered);
        var replied = await host.AssignedConversationAsync(answered);
        using var reply = await host.Admin.PostAsJsonAsync($"/api/conversations/{replied!.Id}/replies", new { text = "Halo kak, kami cek dulu ya" });
        var colleague = await host.CreateOnlineAgentAsync(capacity: 5);

        var moved = await Eventually.Until(() => host.FindConversationAsync(unanswered), c => c?.Assignee?.Id == colleague.Id, "the unanswered conversation with the colleague");
        var history = await host.Admin.GetStringAsync($"/api/conversations/{waiting!.Id}/assignments");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the answered one, assigned a moment later, past its second too
        var stayed = await host.FindConversationAsync(answered);
        var silentNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{silent.Id}");

        Assert.That(waiting.Assignee!.Id, Is.EqualTo(silent.Id));
        Assert.That(moved!.Assignee!.Reason, Does.StartWith("no reply from"));
        Assert.That(history, Does.Contain("reassigned-without-reply"));
        Assert.That(stayed!.Assignee!.Id, Is.EqualTo(silent.Id), "the answered conversation stays with its agent");
        Assert.That(silentNow!.OpenConversations, Is.EqualTo(1), "the silent agent's slot was freed");
    }
}
