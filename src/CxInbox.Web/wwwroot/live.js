// Live updates over SignalR (/hubs/inbox), with automatic reconnect. Pages register handlers with onLive(event,
// handler); onLive('reconnected', ...) runs after a reconnect, when a page should re-read what it shows.
// The connection state is on <body data-live="...">: connecting, connected, reconnecting or disconnected.

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
        if (eventName !== 'state' && eventName !== 'reconnected') {
            connection.on(eventName, (...args) => dispatch(eventName, args));
        }
    }
    connection.onreconnecting(() => setState('reconnecting'));
    connection.onreconnected(() => {
        setState('connected');
        dispatch('reconnected', []);
    });
    connection.onclose(() => {
        setState('disconnected');
        setTimeout(() => connectUntilUp(true), 5000);
    });
    await connectUntilUp(false);
    return connection;
}

async function connectUntilUp(afterLoss) {
    setState('connecting');
    for (let attempt = 0; ; attempt++) {
        try {
            await connection.start();
            setState('connected');
            if (attempt > 0 || afterLoss) dispatch('reconnected', []);
            return;
        } catch (e) {
            setState('disconnected');
            await new Promise(resolve => setTimeout(resolve, Math.min(30000, 1000 * 2 ** Math.min(attempt, 5))));
        }
    }
}
