// The agent inbox: one queue of the agent's own conversations and their teams' waiting ones, the conversation with
// the customer's messages on every channel, and the reply box. Every action is an API call (api.js); live updates
// arrive over SignalR (live.js). Customer text only ever becomes text nodes (el() in api.js).
import { el, get, post, put, currentSession, signOut, showError } from '/api.js';
import { onLive, startLive } from '/live.js';

const STAGES = ['insight', 'delivery', 'support', 'return', 'promotion', 'transaction'];
const BASE_TITLE = 'Inbox · CxInbox';

const state = {
    session: null,
    agents: [],
    mine: [],
    waiting: [],
    selectedId: null,
    detail: null,
    history: [],
    canned: [],
    sending: false,             // a reply is on its way: Send stays disabled, even in a redrawn reply box
    unseen: new Set(),          // conversations with news the agent has not opened yet: the title's (n)
    seenMessages: new Set(),    // messageReceived is sent again after moves: dedupe on its id
};

const $ = id => document.getElementById(id);

// ---------------------------------------------------------------- queue

async function loadQueue() {
    const page = await get('/api/conversations?status=open&pageSize=200');
    const me = state.session.agentId;
    const byUrgency = (a, b) => (due(a) ?? Infinity) - (due(b) ?? Infinity) || b.priority - a.priority
        || Date.parse(a.lastMessageAt) - Date.parse(b.lastMessageAt);
    state.mine = page.items.filter(c => c.assignee && c.assignee.id === me).sort(byUrgency);
    state.waiting = page.items.filter(c => !c.assignee).sort(byUrgency);
    renderQueue();
}

function due(c) {
    return c.serviceLevel?.responseDueAt ? Date.parse(c.serviceLevel.responseDueAt) : null;
}

function ordered() {
    return [...state.mine, ...state.waiting];
}

function renderQueue() {
    const section = (title, items, waiting) => el('section', { class: 'queue-section', 'aria-label': title },
        el('h2', {}, `${title} (${items.length})`),
        items.length === 0 ? el('p', { class: 'empty' }, waiting ? 'Nobody is waiting.' : 'Nothing assigned to you.') : items.map(c => queueItem(c, waiting)));
    $('queue').replaceChildren(section('Mine', state.mine, false), section('Waiting in my teams', state.waiting, true));
    updateTitle();
    tickCountdowns();
}

function queueItem(c, waiting) {
    const tags = c.tags;
    return el('article', {
        class: `queue-item${c.id === state.selectedId ? ' selected' : ''}`,
        tabindex: '0',
        dataset: { conversationId: c.id },
        onclick: () => select(c.id),
        onkeydown: e => { if (e.key === 'Enter') select(c.id); },
    },
    el('div', { class: 'line1' },
        el('span', { class: 'badge channel' }, c.channel),
        el('span', { class: 'name' }, customerName(c)),
        state.unseen.has(c.id) ? el('span', { class: 'badge', title: 'New since you last looked' }, 'new') : null,
        el('span', { class: 'badge', title: 'Priority' }, `P${c.priority}`)),
    el('div', { class: 'preview' }, c.lastMessage ?? ''),
    el('div', { class: 'line3' },
        waiting ? el('span', { class: 'badge queue' }, `waiting${tags?.team ? ` · ${tags.team}` : ''}`) : null,
        tags ? el('span', { class: 'badge' }, tags.journeyStage) : null,
        tags?.complaint ? el('span', { class: 'badge complaint' }, 'complaint') : null,
        tags?.salesOpportunity ? el('span', { class: 'badge sales' }, 'sales') : null,
        slaBadge(c)));
}

function customerName(c) {
    return c.customer?.name || c.customer?.address || 'Unknown customer';
}

function slaBadge(c) {
    if (c.serviceLevel?.breachedAt) return el('span', { class: 'badge overdue sla', dataset: { due: c.serviceLevel.responseDueAt ?? '' } }, 'SLA breached');
    if (!c.serviceLevel?.responseDueAt) return null;
    return el('span', { class: 'badge sla', dataset: { due: c.serviceLevel.responseDueAt } }, '');
}

function tickCountdowns() {
    const now = Date.now();
    for (const badge of document.querySelectorAll('.sla[data-due]')) {
        if (!badge.dataset.due) continue;
        const left = Math.round((Date.parse(badge.dataset.due) - now) / 1000);
        const abs = Math.abs(left);
        const text = abs >= 3600 ? `${Math.floor(abs / 3600)}h ${Math.floor(abs % 3600 / 60)}m` : `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
        badge.textContent = left >= 0 ? `reply in ${text}` : `overdue ${text}`;
        badge.classList.toggle('overdue', left < 0);
        badge.classList.toggle('due-soon', left >= 0 && left < 300);
    }
}

function updateTitle() {
    const n = state.unseen.size;
    document.title = n > 0 ? `(${n}) ${BASE_TITLE}` : BASE_TITLE;
}

// ---------------------------------------------------------------- one conversation

async function select(id) {
    state.selectedId = id;
    state.unseen.delete(id);
    for (const item of document.querySelectorAll('.queue-item')) item.classList.toggle('selected', item.dataset.conversationId === id);
    updateTitle();
    await loadConversation();
    document.querySelector('.queue-item.selected')?.scrollIntoView({ block: 'nearest' });
}

async function loadConversation() {
    const id = state.selectedId;
    if (!id) return;
    const detail = await get(`/api/conversations/${id}`);
    const history = await get(`/api/customers/${detail.customer.id}/history?limit=200`).catch(() => ({ messages: [] }));
    if (state.selectedId !== id) return;
    const kept = state.detail?.id === id ? viewState() : null;
    state.detail = detail;
    state.history = history.messages.filter(m => m.conversationId !== id);
    renderConversation();
    if (kept) restoreViewState(kept);
}

// A re-read of the open conversation (a live update, or a second select of it) redraws it, and must not take from the
// agent what they were doing in it: the reply's text; the field they are in, with its caret; the open panels; the tag
// fields they changed (only those: the others show the tags as they are now, which a new message may have changed);
// the canned response they picked; and, when they scrolled up to read, where they were.
function viewState() {
    const view = $('conversation');
    const active = view.contains(document.activeElement) ? document.activeElement : null;
    const messages = $('messages');
    const tagForm = $('tag-form');
    return {
        reply: $('reply-text')?.value ?? null,
        focus: active && fieldKey(active) ? { key: fieldKey(active), start: active.selectionStart ?? null, end: active.selectionEnd ?? null } : null,
        openPanels: [...view.querySelectorAll('details[open][data-panel]')].map(d => d.dataset.panel),
        tagEdits: (tagForm?.dataset.edited ?? '').split(' ').filter(Boolean).map(name => {
            const field = tagForm.elements[name];
            return [name, field.type === 'checkbox' ? field.checked : field.value];
        }),
        canned: $('canned') ? { choice: $('canned').value, hint: $('canned-hint').textContent } : null,
        // Within about a line of the bottom counts as at the bottom, which follows new messages.
        scrolledUpTo: messages && messages.scrollHeight - messages.scrollTop - messages.clientHeight > 16 ? messages.scrollTop : null,
    };
}

// A field is found again in the redrawn conversation by its id, or by its form's id and its name.
function fieldKey(element) {
    if (element.id) return `#${element.id}`;
    if (element.form?.id && element.name) return `#${element.form.id} [name="${element.name}"]`;
    return null;
}

function restoreViewState(kept) {
    const view = $('conversation');
    for (const panel of view.querySelectorAll('details[data-panel]')) panel.open = kept.openPanels.includes(panel.dataset.panel);
    const tagForm = $('tag-form');
    if (tagForm && kept.tagEdits.length > 0) {
        for (const [name, value] of kept.tagEdits) {
            const field = tagForm.elements[name];
            if (field.type === 'checkbox') field.checked = value; else field.value = value;
        }
        tagForm.dataset.edited = kept.tagEdits.map(([name]) => name).join(' ');
    }
    const canned = $('canned');
    if (kept.canned && canned && [...canned.options].some(o => o.value === kept.canned.choice)) {
        canned.value = kept.canned.choice;
        $('canned-hint').textContent = kept.canned.hint;
    }
    const box = $('reply-text');
    if (kept.reply !== null && box) box.value = kept.reply;
    // After the panels: an open one makes the messages' pane shorter.
    const messages = $('messages');
    if (messages) messages.scrollTop = kept.scrolledUpTo ?? messages.scrollHeight;
    const field = kept.focus && view.querySelector(kept.focus.key);
    if (field) {
        field.focus({ preventScroll: true });
        if (kept.focus.start !== null && typeof field.setSelectionRange === 'function') field.setSelectionRange(kept.focus.start, kept.focus.end);
    }
}

function noteEditedTagField(event) {
    const form = event.currentTarget;
    const edited = new Set((form.dataset.edited ?? '').split(' ').filter(Boolean));
    edited.add(event.target.name);
    form.dataset.edited = [...edited].join(' ');
}

function renderConversation() {
    const c = state.detail;
    const me = state.session.agentId;
    const mine = c.assignee?.id === me;
    const waiting = !c.assignee && c.status !== 'resolved';
    const view = $('conversation');
    view.replaceChildren(
        el('header', { class: 'conversation-header' },
            el('div', { class: 'line1' },
                el('h1', { id: 'customer-name' }, customerName(c)), ' ',
                el('span', { class: 'badge channel' }, c.channel), ' ',
                el('span', { class: 'badge', id: 'conversation-status' }, c.status), ' ',
                el('span', { class: 'badge' }, `P${c.priority}`), ' ',
                slaBadge(c),
                el('span', { class: 'muted' }, c.assignee ? ` · with ${c.assignee.name}` : ` · waiting: ${c.queuedReason ?? ''}`)),
            tagLine(c),
            el('div', { class: 'actions' },
                waiting ? el('button', { type: 'button', class: 'primary', onclick: claim }, 'Claim') : null,
                mine ? el('button', { type: 'button', onclick: resolve, title: 'Resolve (e)' }, 'Resolve') : null,
                mine ? snoozeControl() : null,
                mine ? el('button', { type: 'button', onclick: () => setAside('pending') }, 'Pending on customer') : null,
                mine ? el('button', { type: 'button', onclick: openTransfer }, 'Transfer…') : null)),
        el('div', { class: 'messages', id: 'messages', 'aria-live': 'polite' }, timeline(c)),
        mine ? composer() : el('p', { class: 'composer muted' }, waiting ? 'Claim the conversation to reply.' : 'Only its agent replies.'));
    tickCountdowns();
    const messages = $('messages');
    messages.scrollTop = messages.scrollHeight;
}

function tagLine(c) {
    const t = c.tags;
    if (!t) return el('div', { class: 'muted' }, 'Not tagged yet.');
    return el('div', { class: 'tags' },
        el('span', { class: 'badge' }, t.journeyStage), ' ',
        t.complaint ? el('span', { class: 'badge complaint' }, 'complaint') : null, ' ',
        t.salesOpportunity ? el('span', { class: 'badge sales' }, 'sales opportunity') : null, ' ',
        t.correctedByAgent ? el('span', { class: 'badge' }, 'corrected') : null, ' ',
        t.salesPromptsAllowed ? null : el('span', { class: 'muted' }, 'no sales prompts while a complaint is open '),
        el('details', { class: 'evidence', dataset: { panel: 'why' } },
            el('summary', {}, t.complaint ? 'Why a complaint?' : 'Why these tags?'),
            t.evidence.length === 0 ? el('p', {}, 'No cue in the latest message; the tags come from earlier ones.')
                : el('ul', {}, t.evidence.map(e => el('li', {}, el('strong', {}, e.tag), ': “', e.cue, '” — ', e.reason))),
            el('p', { class: 'muted' }, `Team ${t.team ?? '-'} by rule ${t.routingRule ?? '-'}; language ${t.language}.`)),
        el('details', { class: 'evidence', dataset: { panel: 'correct' } },
            el('summary', {}, 'Correct the tags'),
            el('form', { id: 'tag-form', onsubmit: correctTags, oninput: noteEditedTagField },
                el('label', {}, 'Stage ', el('select', { name: 'journeyStage' },
                    STAGES.map(s => el('option', { value: s, selected: s === t.journeyStage }, s)))), ' ',
                el('label', {}, el('input', { type: 'checkbox', name: 'complaint', checked: t.complaint }), ' complaint'), ' ',
                el('label', {}, el('input', { type: 'checkbox', name: 'salesOpportunity', checked: t.salesOpportunity }), ' sales opportunity'), ' ',
                el('input', { name: 'note', placeholder: 'Why (optional)', maxlength: '500' }), ' ',
                el('button', { type: 'submit' }, 'Save'))));
}

function timeline(c) {
    const items = [
        ...state.history.map(m => ({ ...m, earlier: true })),
        ...c.messages.map(m => ({ ...m, earlier: false })),
    ].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
    if (items.length === 0) return [el('p', { class: 'empty' }, 'No messages.')];
    return items.map(m => el('article', {
        class: `message ${m.direction === 'outbound' ? 'outbound' : 'inbound'}${m.earlier ? ' earlier' : ''}`,
        dataset: { messageId: m.id },
    },
    el('div', { class: 'meta' },
        el('span', { class: 'badge channel' }, m.channel),
        el('time', { datetime: m.sentAt }, new Date(m.sentAt).toLocaleString()),
        m.earlier ? el('span', {}, 'another conversation') : null,
        m.subject ? el('span', {}, `Subject: ${m.subject}`) : null,
        m.automated ? el('span', { class: 'badge' }, m.automated) : null,
        m.tags?.complaint ? el('span', { class: 'badge complaint' }, 'complaint') : null,
        m.delivery ? el('span', { class: `delivery ${m.delivery.status}` }, `delivery: ${m.delivery.status}${m.delivery.error ? ` (${m.delivery.error})` : ''}`) : null),
    el('div', { class: 'text' }, m.text),
    m.attachments?.length ? el('div', { class: 'attachments' }, m.attachments.map(a =>
        // The address as text, never a link: it points at the provider's copy and is not ours to vouch for.
        el('div', {}, `Attachment: ${a.fileName ?? a.contentType} (${a.contentType}) ${a.url}`))) : null));
}

function composer() {
    return el('form', { class: 'composer', id: 'reply-form', onsubmit: sendReply },
        el('div', { class: 'row' },
            el('label', { for: 'canned' }, 'Canned response'),
            el('select', { id: 'canned' }, el('option', { value: '' }, '—'), state.canned.map(r => el('option', { value: r.id }, r.title))),
            el('button', { type: 'button', onclick: insertCanned }, 'Insert'),
            el('span', { class: 'help', id: 'canned-hint' }),
            el('span', { class: 'spacer' }),
            el('span', { class: 'help' }, el('kbd', {}, 'Ctrl'), '+', el('kbd', {}, 'Enter'), ' sends')),
        el('textarea', { id: 'reply-text', rows: '3', 'aria-label': 'Reply', placeholder: 'Write a reply… (r)', maxlength: '4000',
            onkeydown: e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $('reply-form').requestSubmit(); } } }),
        el('div', { class: 'row' }, el('span', { class: 'spacer' }), el('button', { type: 'submit', class: 'primary', id: 'send', disabled: state.sending }, 'Send')));
}

// ---------------------------------------------------------------- actions (each one API call)

async function sendReply(event) {
    event.preventDefault();
    const text = $('reply-text').value.trim();
    if (!text || state.sending) return;
    state.sending = true;
    $('send').disabled = true;
    try {
        await post(`/api/conversations/${state.selectedId}/replies`, { text });
        // A live update may have drawn a new reply box meanwhile, with this text carried over into it. The canned
        // choice and its hint went with the reply.
        const box = $('reply-text');
        if (box?.value.trim() === text) {
            box.value = '';
            if ($('canned')) $('canned').value = '';
            if ($('canned-hint')) $('canned-hint').textContent = '';
        }
        await loadConversation();
        $('messages')?.scrollTo({ top: $('messages').scrollHeight });
    } finally {
        state.sending = false;
        const send = $('send');
        if (send) send.disabled = false;
    }
}

async function insertCanned() {
    const id = $('canned').value;
    if (!id) return;
    const rendered = await post(`/api/conversations/${state.selectedId}/canned-response`, { cannedResponseId: id });
    const box = $('reply-text');
    box.value = box.value ? `${box.value}\n${rendered.text}` : rendered.text;
    $('canned-hint').textContent = rendered.missing.length ? `Fill in: ${rendered.missing.join(', ')}` : '';
    box.focus();
}

async function claim() {
    await post(`/api/conversations/${state.selectedId}/claim`);
    await Promise.all([loadQueue(), loadConversation()]);
}

async function resolve() {
    if (state.detail?.assignee?.id !== state.session.agentId) return;
    const id = state.selectedId;
    await post(`/api/conversations/${id}/resolve`);
    const next = neighbour(id, 1) ?? neighbour(id, -1);
    await loadQueue();
    if (next) await select(next.id); else clearConversation();
}

function snoozeControl() {
    const choices = [['', 'Snooze…'], ['1h', 'for 1 hour'], ['4h', 'for 4 hours'], ['tomorrow', 'until tomorrow 09:00']];
    return el('select', { 'aria-label': 'Snooze', onchange: e => { if (e.target.value) setAside('snooze', e.target.value); } },
        choices.map(([value, label]) => el('option', { value }, label)));
}

async function setAside(kind, choice) {
    const id = state.selectedId;
    if (kind === 'snooze') {
        const until = new Date();
        if (choice === '1h') until.setHours(until.getHours() + 1);
        else if (choice === '4h') until.setHours(until.getHours() + 4);
        else { until.setDate(until.getDate() + 1); until.setHours(9, 0, 0, 0); }
        await post(`/api/conversations/${id}/snooze`, { until: until.toISOString() });
    } else {
        await post(`/api/conversations/${id}/pending`);
    }
    await loadQueue();
    clearConversation();
}

async function correctTags(event) {
    event.preventDefault();
    const form = event.target;
    await put(`/api/conversations/${state.selectedId}/tags`, {
        journeyStage: form.journeyStage.value,
        complaint: form.complaint.checked,
        salesOpportunity: form.salesOpportunity.checked,
        note: form.note.value || null,
    });
    // The form now on the page: a live update may have drawn a new one while the correction was on its way.
    delete $('tag-form')?.dataset.edited;
    await Promise.all([loadQueue(), loadConversation()]);
}

function openTransfer() {
    const me = state.session.agentId;
    const teams = [...new Set(state.agents.flatMap(a => a.teams ?? []).concat(state.session.teams))].sort();
    const dialog = el('dialog', { id: 'transfer-dialog' },
        el('form', { method: 'dialog', onsubmit: async e => {
            e.preventDefault();
            const form = e.target;
            const [kind, value] = form.target.value.split(':');
            await post(`/api/conversations/${state.selectedId}/transfer`,
                kind === 'agent' ? { agentId: value, reason: form.reason.value } : { team: value, reason: form.reason.value });
            dialog.close();
            await loadQueue();
            clearConversation();
        } },
        el('h2', {}, 'Transfer'),
        el('label', {}, 'To ', el('select', { name: 'target', required: true },
            el('optgroup', { label: 'Agents' }, state.agents.filter(a => a.id !== me).map(a =>
                el('option', { value: `agent:${a.id}` }, `${a.name} (${a.status}, ${a.openConversations}/${a.capacity})`))),
            el('optgroup', { label: 'Team queues' }, teams.map(t => el('option', { value: `team:${t}` }, t))))),
        el('label', {}, 'Why ', el('input', { name: 'reason', required: true, maxlength: '500' })),
        el('menu', {}, el('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), el('button', { type: 'submit', class: 'primary' }, 'Transfer'))));
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
}

function clearConversation() {
    state.selectedId = null;
    state.detail = null;
    $('conversation').replaceChildren(el('p', { class: 'empty' }, 'Choose a conversation.'));
    renderQueue();
}

function neighbour(id, step) {
    const list = ordered();
    const index = list.findIndex(c => c.id === id);
    return index < 0 ? list[0] : list[index + step];
}

// ---------------------------------------------------------------- keyboard: j/k next/previous, r reply, e resolve

document.addEventListener('keydown', e => {
    const typing = e.target.closest?.('input, textarea, select, [contenteditable]');
    if (typing) {
        if (e.key === 'Escape') e.target.blur();
        return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
    if (e.key === 'j' || e.key === 'k') {
        const next = state.selectedId ? neighbour(state.selectedId, e.key === 'j' ? 1 : -1) : ordered()[0];
        if (next) select(next.id);
    } else if (e.key === 'r' && $('reply-text')) {
        e.preventDefault();
        $('reply-text').focus();
    } else if (e.key === 'e') {
        resolve();
    }
});

// ---------------------------------------------------------------- live

function onConversationChanged(change) {
    const me = state.session.agentId;
    // New work, or work back from a snooze, is marked until the agent opens it.
    if (change.agentId === me && (change.reason === 'assigned' || change.reason === 'woke') && change.conversationId !== state.selectedId
        && !state.mine.some(c => c.id === change.conversationId)) {
        state.unseen.add(change.conversationId);
    }
    refresh(change.conversationId);
}

function onMessageReceived(message) {
    if (state.seenMessages.has(message.messageId)) return;
    state.seenMessages.add(message.messageId);
    if (message.conversationId !== state.selectedId) state.unseen.add(message.conversationId);
    refresh(message.conversationId);
}

// Many events can arrive at once (a rebalance): re-read at most every half second.
let refreshTimer = null;
const touched = new Set();
function refresh(conversationId) {
    if (conversationId) touched.add(conversationId);
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
        const selectedTouched = touched.has(state.selectedId);
        touched.clear();
        await loadQueue();
        if (selectedTouched) await loadConversation();
    }, 500);
}

async function loadPresence() {
    const me = state.session.agentId;
    if (!me) {
        $('presence').disabled = true;
        return;
    }
    const agent = await get(`/api/agents/${me}`);
    $('presence').value = agent.status;
}

async function main() {
    state.session = await currentSession();
    $('who').textContent = `${state.session.displayName} (${state.session.role})`;
    $('signout').addEventListener('click', signOut);
    $('presence').addEventListener('change', async e => {
        await put(`/api/agents/${state.session.agentId}/presence`, { status: e.target.value }).catch(() => loadPresence());
    });
    onLive('conversationChanged', onConversationChanged);
    onLive('messageReceived', onMessageReceived);
    onLive('replyStatusChanged', change => { if (change.conversationId === state.selectedId) refresh(change.conversationId); });
    onLive('slaBreached', breach => refresh(breach.conversationId));
    onLive('agentChanged', change => { if (change.agentId === state.session.agentId) loadPresence(); });
    onLive('joined', () => refresh(state.selectedId));
    const [agents, canned] = await Promise.all([get('/api/agents').catch(() => []), get('/api/canned-responses').catch(() => [])]);
    state.agents = agents;
    state.canned = canned;
    await Promise.all([loadQueue(), loadPresence()]);
    setInterval(tickCountdowns, 1000);
    await startLive();
}

main().catch(e => showError(e.message));
