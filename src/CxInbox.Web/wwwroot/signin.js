import { api, currentSession, showError } from '/api.js';

// Only a path on this site: never an absolute or protocol-relative URL someone put in the link.
function safeReturn() {
    const target = new URLSearchParams(location.search).get('return');
    return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/signin.html') ? target : null;
}

document.getElementById('signin-form').addEventListener('submit', async event => {
    event.preventDefault();
    const button = document.getElementById('signin-button');
    button.disabled = true;
    try {
        await api('POST', '/api/session', {
            username: document.getElementById('username').value,
            password: document.getElementById('password').value,
        });
        const session = await currentSession();
        location.assign(safeReturn() ?? (session.role === 'agent' ? '/inbox.html' : '/console.html'));
    } catch (e) {
        if (!e.problem) showError(e.message);
        document.getElementById('password').select();
    } finally {
        button.disabled = false;
    }
});
