using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>Why a conversation is where it is stays readable after later changes overwrite its current reason.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class AssignmentHistoryTests(Engines engines) : HostPerTest(engines, "history")
{
    [Test]
    public async Task The_history_tells_the_first_assignment_the_requeue_when_the_agent_left_and_the_next_assignment_once_each()
    {
        var leaving = await host.CreateOnlineAgentAsync(capacity: 5);
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Tolong dibantu")));
        var conversation = await host.AssignedConversationAsync(customer);
        using var offline = await host.Admin.PutAsJsonAsync($"/api/agents/{leaving.Id}/presence", new { status = "offline" });
        await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.QueuedReason is not null, "the conversation back in the queue");
        using var again = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo? Masih ada?")));
        await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Messages?.Length == 2, "the second message stored");

        var staying = await host.CreateOnlineAgentAsync(capacity: 5);
        await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Assignee?.Id == staying.Id, "the conversation with the agent who came");
        var history = await host.Admin.GetFromJsonAsync<HistoryJson>($"/api/conversations/{conversation!.Id}/assignments");
        using var unknown = await host.Admin.GetAsync($"/api/conversations/{Guid.NewGuid()}/assignments");

        Assert.That(history!.Items.Select(i => (i.Kind, i.Agent?.Id, i.FromAgent?.Id)), Is.EqualTo(new (string, Guid?, Guid?)[]
        {
            ("assigned", leaving.Id, null),
            ("requeued", null, leaving.Id),
            ("assigned", staying.Id, null),
        }));
        Assert.That(history.Items[1].Reason, Is.EqualTo("their agent went offline"));
        Assert.That(history.Items.Select(i => i.Actor), Is.All.Null);
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
    }

    private sealed record AgentRefJson(Guid Id, string? Name);

    private sealed record EntryJson(DateTimeOffset OccurredAt, string Kind, AgentRefJson? Agent, AgentRefJson? FromAgent, string? Team, string Reason, string? Actor);

    private sealed record HistoryJson(Guid ConversationId, EntryJson[] Items);
}
