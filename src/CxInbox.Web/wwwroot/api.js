// The UI's one way to the server: the documented HTTP API, JSON in and out. A problem+json answer is shown to the
// user with its detail; a 401 sends the browser to the sign-in page and back here afterwards.

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem;
    }
}

export async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json, application/problem+json' } };
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, init);
    } catch (e) {
        showError(`The server cannot be reached (${e.message}).`);
        throw e;
    }
    if (response.status === 401 && !location.pathname.endsWith('/signin.html')) {
        location.assign(`/signin.html?return=${encodeURIComponent(location.pathname + location.search)}`);
        throw new ApiError(401, { title: 'Sign-in required' });
    }
    const text = await response.text();
    const json = text.length > 0 && /json/.test(response.headers.get('Content-Type') || '') ? JSON.parse(text) : null;
    if (!response.ok) {
        const error = new ApiError(response.status, json);
        showError(error.message);
        throw error;
    }
    return json;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body ?? {});
export const del = path => api('DELETE', path);

// Errors go to the page's #error banner (role="alert"), as text.
export function showError(message) {
    const banner = document.getElementById('error');
    if (!banner) return;
    banner.textContent = message;
    banner.hidden = false;
    clearTimeout(showError.timer);
    showError.timer = setTimeout(() => { banner.hidden = true; }, 8000);
}

// Builds an element. Strings among the children become text nodes, so nothing from a customer is ever parsed as
// HTML. Attributes are set as properties or with setAttribute; there is no way to pass HTML through here.
export function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'class') element.className = value;
        else if (name === 'dataset') Object.assign(element.dataset, value);
        else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
        else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
}

export async function currentSession() {
    return get('/api/session');
}

export async function signOut() {
    await api('DELETE', '/api/session');
    location.assign('/signin.html');
}
