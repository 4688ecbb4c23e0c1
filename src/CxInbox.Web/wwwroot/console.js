// The supervisor console: one read of GET /api/supervision/dashboard, drawn as tiles, tables and small SVG charts,
// read again (debounced) whenever the hub reports a change. Every action is a documented API call. Anything that
// came from a customer (names, message text) goes in as text nodes through el(), never as HTML.
import { el, get, post, put, currentSession, signOut, showError } from '/api.js';
import { onLive, startLive } from '/live.js';

const REFRESH_DELAY_MS = 500;
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2457c5', '#14804a', '#a15c00', '#b42318', '#6941c6', '#0e7490', '#c11574', '#475467'];

const state = {
    session: null,
    dashboard: null,
    fetchedAt: 0,
    selected: new Set(),      // conversation ids ticked for a move
    listing: null,            // what the conversation list shows: { title, load() }
    plan: null,               // the last rebalance preview: { team, moves }
    refreshTimer: null,
    loading: null,            // the read running now
    nextLoad: null,           // the read queued behind it
};

const $ = id => document.getElementById(id);

// ---- reading -------------------------------------------------------------------------------------------------

function dashboardPath() {
    const team = $('team').value;
    return '/api/supervision/dashboard' + (team ? `?team=${encodeURIComponent(team)}` : '');
}

// One read at a time. A refresh asked for while a read is running gets the read after it, never the running one:
// that read may have been answered before the change the caller has just made.
function refresh() {
    if (state.loading) {
        state.nextLoad ??= state.loading.then(() => {
            state.nextLoad = null;
            return refresh();
        });
        return state.nextLoad;
    }
    state.loading = load().finally(() => { state.loading = null; });
    return state.loading;
}

async function load() {
    try {
        state.dashboard = await get(dashboardPath());
        state.fetchedAt = Date.now();
        render();
        if (state.listing) await showConversations(state.listing);
    } catch {
        // api.js has shown the reason
    }
}

function scheduleRefresh() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(refresh, REFRESH_DELAY_MS);
}

// ---- formatting ----------------------------------------------------------------------------------------------

// Ages run on between reads: the server's figure plus the time since it was read.
function ageSeconds(seconds) {
    return seconds === null || seconds === undefined ? null : seconds + Math.floor((Date.now() - state.fetchedAt) / 1000);
}

function formatAge(seconds) {
    if (seconds === null) return '—';
    if (seconds < 60) return `${seconds} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
    const hours = Math.floor(seconds / 3600);
    return `${hours} h ${Math.floor((seconds % 3600) / 60)} min`;
}

const percent = rate => `${Math.round(rate * 100)}%`;
const hourLabel = iso => iso.slice(11, 13);

// ---- rendering -----------------------------------------------------------------------------------------------

function render() {
    const d = state.dashboard;
    $('as-of').textContent = `as of ${new Date(d.asOf).toLocaleTimeString()}`;
    renderTeams(d);
    renderTiles(d);
    renderAgents(d.agents);
    renderQueues(d.queues);
    renderBreaches(d.slaBreaches);
    renderMoveTargets(d);
    renderCharts(d.volume);
}

function knownTeams(d) {
    if (state.session.role !== 'admin') return [...state.session.teams].sort();
    const teams = new Set();
    d.agents.forEach(a => a.teams.forEach(t => teams.add(t)));
    d.queues.forEach(q => q.team && teams.add(q.team));
    state.session.teams.forEach(t => teams.add(t));
    return [...teams].sort();
}

function fillSelect(select, options, keepFirst) {
    const current = select.value;
    const fixed = keepFirst ? [select.options[0]] : [];
    select.replaceChildren(...fixed, ...options.map(([value, label]) => el('option', { value }, label)));
    if ([...select.options].some(o => o.value === current)) select.value = current;
}

function renderTeams(d) {
    const teams = knownTeams(d);
    fillSelect($('team'), teams.map(t => [t, t]), true);
    fillSelect($('rebalance-team'), teams.map(t => [t, t]), false);
}

function renderTiles(d) {
    const online = d.agents.filter(a => a.presence === 'online').length;
    const load = d.agents.reduce((s, a) => s + a.load, 0);
    const capacity = d.agents.reduce((s, a) => s + a.capacity, 0);
    const messages = d.volume.hours.reduce((s, h) => s + h.messages, 0);
    const complaints = d.volume.hours.reduce((s, h) => s + h.complaints, 0);
    $('tile-online').textContent = `${online} / ${d.agents.length}`;
    $('tile-load').textContent = `${load} / ${capacity}`;
    $('tile-waiting').textContent = String(d.queues.reduce((s, q) => s + q.waiting, 0));
    $('tile-breaches').textContent = String(d.slaBreaches.total);
    $('breach-tile').classList.toggle('breach', d.slaBreaches.total > 0);
    $('tile-messages').textContent = String(messages);
    $('tile-complaints').textContent = messages === 0 ? '—' : percent(complaints / messages);
}

// Rows are kept per agent and updated in place, so a capacity being typed is not wiped by a live refresh.
function renderAgents(agents) {
    const body = $('agents').tBodies[0];
    const rows = new Map([...body.rows].map(r => [r.dataset.agentId, r]));
    const seen = new Set();
    for (const agent of agents) {
        seen.add(agent.id);
        let row = rows.get(agent.id);
        if (!row) {
            row = agentRow(agent);
        }
        updateAgentRow(row, agent);
        body.append(row); // keeps the server's order (by name)
    }
    rows.forEach((row, id) => { if (!seen.has(id)) row.remove(); });
    if (agents.length === 0 && body.rows.length === 0) {
        body.append(el('tr', { class: 'none' }, el('td', { colspan: 7, class: 'muted' }, 'No agents in view.')));
    } else {
        body.querySelectorAll('tr.none').forEach(r => r.remove());
    }
}

function agentRow(agent) {
    const capacity = el('input', { type: 'number', min: 0, max: 100, class: 'capacity-input', 'aria-label': `Capacity of ${agent.name}` });
    // Typed but not yet set: focus leaves the field for the Set button before its click runs, so focus alone does not
    // say that a live refresh must leave the value alone.
    capacity.addEventListener('input', () => { capacity.dataset.edited = 'true'; });
    const setCapacity = el('button', { type: 'button', class: 'set-capacity', onclick: () => changeCapacity(agent.id, capacity) }, 'Set');
    const pause = el('button', { type: 'button', class: 'pause', onclick: () => togglePause(agent.id) }, 'Pause');
    const list = el('button', { type: 'button', class: 'list', onclick: () => listAgentConversations(agent.id) }, 'Conversations');
    return el('tr', { dataset: { agentId: agent.id } },
        el('td', { class: 'name' }),
        el('td', { class: 'presence' }),
        el('td', { class: 'teams' }),
        el('td', { class: 'load' }),
        el('td', { class: 'waiting' }),
        el('td', { class: 'capacity' }, capacity, setCapacity),
        el('td', { class: 'actions' }, pause, list));
}

function updateAgentRow(row, agent) {
    row.dataset.name = agent.name;
    row.querySelector('.name').textContent = agent.name;
    const presence = row.querySelector('.presence');
    presence.replaceChildren(el('span', { class: `presence-badge ${agent.presence}` }, agent.presence));
    row.querySelector('.teams').textContent = agent.teams.length ? agent.teams.join(', ') : 'any team';
    const load = row.querySelector('.load');
    const share = agent.capacity === 0 ? 1 : Math.min(1, agent.load / agent.capacity);
    load.replaceChildren(
        el('span', { class: 'load-figure' }, `${agent.load} / ${agent.capacity}`),
        el('span', { class: 'meter', 'aria-hidden': 'true' }, el('span', { class: share >= 1 ? 'full' : '', style: `width:${Math.round(share * 100)}%` })));
    const waiting = row.querySelector('.waiting');
    waiting.dataset.seconds = agent.oldestWaitingSeconds ?? '';
    waiting.textContent = formatAge(ageSeconds(agent.oldestWaitingSeconds));
    const input = row.querySelector('.capacity-input');
    if (document.activeElement !== input && input.dataset.edited !== 'true') input.value = agent.capacity;
    const pause = row.querySelector('.pause');
    pause.textContent = agent.presence === 'away' ? 'Resume' : 'Pause';
    pause.disabled = agent.presence === 'offline';
    row.dataset.presence = agent.presence;
}

function renderQueues(queues) {
    const body = $('queues').tBodies[0];
    body.replaceChildren(...(queues.length === 0
        ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'Nobody is waiting.'))]
        : queues.map(q => el('tr', {
            class: 'clickable', title: 'List these conversations',
            onclick: () => listQueue(q.team, q.channel, q.priority),
        },
            el('td', {}, q.team ?? 'not routed yet'), el('td', {}, el('span', { class: 'badge channel' }, q.channel)),
            el('td', {}, String(q.priority)), el('td', { class: 'depth' }, String(q.waiting)),
            el('td', { class: 'age', dataset: { seconds: q.oldestWaitingSeconds } }, formatAge(ageSeconds(q.oldestWaitingSeconds)))))));
}

function renderBreaches(breaches) {
    const body = $('breaches').tBodies[0];
    const rows = breaches.items.map(b => el('tr', { dataset: { conversationId: b.conversationId } },
        el('td', {}, selectBox(b.conversationId, `Select ${b.customer}`)),
        el('td', {}, b.customer),
        el('td', {}, el('span', { class: 'badge channel' }, b.channel)),
        el('td', {}, b.team ?? '—'),
        el('td', {}, b.assignee?.name ?? 'waiting'),
        el('td', { class: 'age' }, el('span', { class: 'badge overdue', dataset: { seconds: b.overdueSeconds } }, formatAge(ageSeconds(b.overdueSeconds))))));
    if (breaches.total > breaches.items.length) {
        rows.push(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, `and ${breaches.total - breaches.items.length} more`)));
    }
    body.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No open breaches.'))]));
}

function selectBox(conversationId, label) {
    return el('input', {
        type: 'checkbox', 'aria-label': label, checked: state.selected.has(conversationId), class: 'select-conversation',
        dataset: { conversationId },
        onchange: event => {
            if (event.target.checked) state.selected.add(conversationId); else state.selected.delete(conversationId);
            document.querySelectorAll(`input.select-conversation[data-conversation-id="${conversationId}"]`)
                .forEach(box => { box.checked = event.target.checked; });
        },
    });
}

function renderMoveTargets(d) {
    const agents = d.agents.filter(a => a.presence === 'online').map(a => [`agent:${a.id}`, `${a.name} (${a.load}/${a.capacity})`]);
    const teams = knownTeams(d).map(t => [`team:${t}`, `${t} queue`]);
    fillSelect($('move-target'), [...agents, ...teams], false);
}

// ---- conversations to move -----------------------------------------------------------------------------------

async function showConversations(listing) {
    state.listing = listing;
    $('conversations-title').textContent = listing.title;
    $('conversations-hint').hidden = true;
    let items;
    try {
        items = await listing.load();
    } catch {
        return;
    }
    const list = $('conversations');
    list.replaceChildren(...(items.length === 0
        ? [el('li', { class: 'muted' }, 'None.')]
        : items.map(c => el('li', { dataset: { conversationId: c.id } },
            el('label', {},
                selectBox(c.id, `Select ${c.customer?.name ?? c.customer?.address ?? c.id}`),
                el('span', { class: 'badge channel' }, c.channel),
                el('span', { class: 'customer' }, c.customer?.name ?? c.customer?.address ?? ''),
                el('span', { class: 'preview muted' }, c.lastMessage ?? ''))))));
}

function listAgentConversations(agentId) {
    const agent = state.dashboard.agents.find(a => a.id === agentId);
    return showConversations({
        title: `Conversations of ${agent?.name ?? 'agent'}`,
        load: async () => (await get(`/api/agents/${agentId}/conversations?pageSize=200`)).items.filter(c => c.status !== 'resolved'),
    });
}

function listQueue(team, channel, priority) {
    return showConversations({
        title: `Waiting: ${team ?? 'not routed yet'}, ${channel}, priority ${priority}`,
        load: async () => (await get(`/api/conversations?unassigned=true&channel=${encodeURIComponent(channel)}&pageSize=200`)).items
            .filter(c => c.status !== 'resolved' && (c.tags?.team ?? null) === team && (c.priority === undefined || c.priority === priority)),
    });
}

// ---- actions ---------------------------------------------------------------------------------------------------

const reason = () => $('reason').value.trim();

// api.js shows a problem's detail or title; a validation problem's reasons are in its errors, so show those.
function explain(error) {
    const errors = error?.problem?.errors;
    if (errors) showError(`${error.problem.title}: ${Object.values(errors).flat().join(' ')}`);
}

async function moveSelected() {
    const ids = [...state.selected];
    if (ids.length === 0) {
        showError('Tick the conversations to move first.');
        return;
    }
    const [kind, target] = $('move-target').value.split(/:(.*)/s);
    const body = kind === 'agent' ? { agentId: target, reason: reason() } : { team: target, reason: reason() };
    let moved = 0;
    for (const id of ids) {
        try {
            await post(`/api/conversations/${id}/move`, body);
            state.selected.delete(id);
            moved++;
        } catch (e) {
            explain(e);
            break; // the reason is on screen; the rest stay ticked
        }
    }
    $('move').dataset.moved = String(moved);
    await refresh();
}

async function changeCapacity(agentId, input) {
    try {
        await put(`/api/agents/${agentId}/capacity`, { capacity: Number(input.value), reason: reason() });
        delete input.dataset.edited;
        input.blur();
    } catch (e) {
        explain(e);
        return;
    }
    await refresh();
}

async function togglePause(agentId) {
    const agent = state.dashboard.agents.find(a => a.id === agentId);
    try {
        if (agent.presence === 'away') await post(`/api/agents/${agentId}/resume`, reason() ? { reason: reason() } : {});
        else await post(`/api/agents/${agentId}/pause`, { reason: reason() });
    } catch (e) {
        explain(e);
        return;
    }
    await refresh();
}

async function previewRebalance() {
    const team = $('rebalance-team').value;
    if (!team) return;
    try {
        const plan = await post(`/api/teams/${encodeURIComponent(team)}/rebalance?preview=true`, {});
        state.plan = plan;
        renderPlan(plan);
    } catch (e) {
        explain(e);
    }
}

async function applyRebalance() {
    if (!state.plan) return;
    const team = state.plan.team;
    try {
        const applied = await post(`/api/teams/${encodeURIComponent(team)}/rebalance?preview=false`, reason() ? { reason: reason() } : {});
        state.plan = null;
        renderPlan(applied);
    } catch (e) {
        explain(e);
        return;
    }
    await refresh();
}

function renderPlan(plan) {
    const box = $('rebalance-plan');
    $('rebalance-apply').disabled = plan.applied || plan.moves.length === 0;
    const heading = plan.applied
        ? `Applied: ${plan.moves.length} move(s) in ${plan.team}.`
        : plan.moves.length === 0 ? `${plan.team} is as even as it can be: nothing to move.` : `Preview: ${plan.moves.length} move(s) in ${plan.team}.`;
    box.replaceChildren(
        el('p', { class: 'plan-heading' }, heading),
        el('ol', { class: 'moves' }, ...plan.moves.map(m => el('li', {}, `${m.from.name} → ${m.to.name}`))),
        el('table', { class: 'grid loads' },
            el('thead', {}, el('tr', {}, el('th', {}, 'Agent'), el('th', {}, 'Before'), el('th', {}, 'After'))),
            el('tbody', {}, ...plan.agents.map(a => el('tr', { dataset: { agentId: a.id } },
                el('td', {}, a.name), el('td', {}, `${a.before} / ${a.capacity}`), el('td', {}, `${a.after} / ${a.capacity}`))))),
        plan.keptByGuard > 0 ? el('p', { class: 'muted' }, `${plan.keptByGuard} conversation(s) stay: answered in the last few minutes.`) : null);
}

// ---- charts ----------------------------------------------------------------------------------------------------

function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
}

// A bar per hour, stacked by key; every drawn bar carries its figure as text above it and its hour below.
function barChart(figure, { title, hours, keys, valuesOf, labelOf, scaleMax }) {
    const width = 480, height = 150, top = 16, bottom = 16, side = 4;
    const plot = height - top - bottom;
    const slot = (width - 2 * side) / Math.max(1, hours.length);
    const totals = hours.map(h => keys.reduce((sum, k) => sum + (valuesOf(h)[k] || 0), 0));
    const max = scaleMax ?? Math.max(1, ...totals);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
    chart.append(svg('line', { x1: side, x2: width - side, y1: top + plot, y2: top + plot, class: 'baseline' }));
    hours.forEach((h, i) => {
        const x = side + i * slot + slot * 0.15;
        const w = slot * 0.7;
        const bar = svg('g', { class: 'bar', 'data-hour': hourLabel(h.hour) });
        let y = top + plot;
        keys.forEach((k, ki) => {
            const value = valuesOf(h)[k] || 0;
            if (value <= 0) return;
            const size = Math.max(1, (value / max) * plot);
            y -= size;
            bar.append(svg('rect', { x, y, width: w, height: size, fill: PALETTE[ki % PALETTE.length] }, svg('title', {}, `${hourLabel(h.hour)}:00 ${k}: ${value}`)));
        });
        const label = labelOf(h, totals[i]);
        if (label !== null) bar.append(svg('text', { x: x + w / 2, y: y - 4, class: 'bar-label', 'text-anchor': 'middle' }, label));
        bar.append(svg('text', { x: x + w / 2, y: height - 4, class: 'axis-label', 'text-anchor': 'middle' }, hourLabel(h.hour)));
        chart.append(bar);
    });
    const legend = el('ul', { class: 'legend' }, ...keys.map((k, ki) => el('li', { dataset: { key: k } },
        el('span', { class: 'swatch', style: `background:${PALETTE[ki % PALETTE.length]}` }),
        `${k} ${hours.reduce((sum, h) => sum + (valuesOf(h)[k] || 0), 0)}`)));
    figure.replaceChildren(el('figcaption', {}, title), chart, keys.length > 1 || keys[0] !== 'rate' ? legend : '');
}

function renderCharts(volume) {
    barChart($('chart-channel'), {
        title: 'Customer messages by channel', hours: volume.hours, keys: volume.channels,
        valuesOf: h => h.byChannel, labelOf: (h, total) => (total > 0 ? String(total) : null),
    });
    barChart($('chart-stage'), {
        title: 'Customer messages by journey stage', hours: volume.hours, keys: volume.stages,
        valuesOf: h => h.byStage, labelOf: (h, total) => (total > 0 ? String(total) : null),
    });
    barChart($('chart-complaints'), {
        title: 'Complaint rate (share of customer messages)', hours: volume.hours, keys: ['rate'], scaleMax: 1,
        valuesOf: h => ({ rate: h.complaintRate ?? 0 }), labelOf: h => (h.complaintRate === null ? null : percent(h.complaintRate)),
    });
}

// Ages tick between reads without asking the server.
function tickAges() {
    document.querySelectorAll('[data-seconds]').forEach(node => {
        const seconds = node.dataset.seconds === '' ? null : Number(node.dataset.seconds);
        node.textContent = formatAge(ageSeconds(seconds));
    });
}

// ---- start -----------------------------------------------------------------------------------------------------

async function start() {
    try {
        state.session = await currentSession();
    } catch {
        return;
    }
    if (state.session.role === 'agent') {
        location.assign('/inbox.html');
        return;
    }
    $('who').textContent = state.session.displayName;
    $('signout').addEventListener('click', signOut);
    $('team').addEventListener('change', () => { state.plan = null; $('rebalance-plan').replaceChildren(); refresh(); });
    $('move').addEventListener('click', moveSelected);
    $('rebalance-preview').addEventListener('click', previewRebalance);
    $('rebalance-apply').addEventListener('click', applyRebalance);
    for (const event of ['conversationChanged', 'messageReceived', 'replyStatusChanged', 'agentChanged', 'slaBreached', 'joined']) {
        onLive(event, scheduleRefresh);
    }
    await refresh();
    setInterval(tickAges, 15000);
    await startLive();
}

start();
