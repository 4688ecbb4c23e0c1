// Live updates over SignalR (/hubs/inbox), with automatic reconnect. Pages register handlers with onLive(event,
// handler); onLive('joined', ...) runs each time the connection has joined its groups, on the first connect and after
// every reconnect: nothing that changed before that moment was pushed to this page, so it should re-read what it shows.
// The connection state is on <body data-live="...">: connecting, connected (and joined), reconnecting or disconnected.

const handlers = new Map();
let connection = null;

export function onLive(eventName, handler) {
    if (!handlers.has(eventName)) {
        handlers.set(eventName, []);
        connection?.on(eventName, (...args) => dispatch(eventName, args));
    }
    handlers.get(eventName).push(handler);
}

function dispatch(eventName, args) {
    for (const handler of handlers.get(eventName) || []) {
        try {
            handler(...args);
        } catch (e) {
            console.error(`live handler for ${eventName} failed`, e);
        }
    }
}

function setState(state) {
    document.body.dataset.live = state;
    dispatch('state', [state]);
}

export async function startLive() {
    if (connection) return connection;
    const signalR = globalThis.signalR;
    connection = new signalR.HubConnectionBuilder()
        .withUrl('/hubs/inbox')
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(30000, 1000 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
        .configureLogging(signalR.LogLevel.Warning)
        .build();
    for (const eventName of handlers.keys()) {
        if (eventName !== 'state' && eventName !== 'joined') {
            connection.on(eventName, (...args) => dispatch(eventName, args));
        }
    }
    connection.onreconnecting(() => setState('reconnecting'));
    connection.onreconnected(() => join().catch(() => { /* the reconnect logic takes it from here */ }));
    connection.onclose(() => {
        setState('disconnected');
        setTimeout(connectUntilUp, 5000);
    });
    await connectUntilUp();
    return connection;
}

// The hub joins its groups in OnConnectedAsync, which SignalR finishes before it answers any invocation: once Joined
// answers, every later event reaches this page.
async function join() {
    await connection.invoke('Joined');
    setState('connected');
    dispatch('joined', []);
}

async function connectUntilUp() {
    setState('connecting');
    for (let attempt = 0; ; attempt++) {
        try {
            await connection.start();
            await join();
            return;
        } catch (e) {
            // Lost during the join: the automatic reconnect is already trying, and joins when it succeeds.
            if (connection.state !== globalThis.signalR.HubConnectionState.Disconnected) return;
            setState('disconnected');
            await new Promise(resolve => setTimeout(resolve, Math.min(30000, 1000 * 2 ** Math.min(attempt, 5))));
        }
    }
}
