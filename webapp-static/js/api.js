// The one way the page talks to the server. Every failure becomes an ApiError whose message a
// person can read; a session that has ended hands control to the sign-in screen.

/** A failed API call: the HTTP status, the API's error code and a message for people. */
export class ApiError extends Error {
  constructor(status, code, message, body = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

// The API lies beside the page, so the UI also works when served below a path prefix.
const API_ROOT = new URL('api/', document.baseURI);

let csrfToken = null;
let sessionEndedHandler = () => {};

/** Remembers the CSRF token that every state-changing request made with the cookie must send. */
export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

/** Called when the server says the session is gone (401 not_signed_in). */
export function onSessionEnded(handler) {
  sessionEndedHandler = handler;
}

/** The address of an API path, for links such as the CSV download. */
export function apiUrl(path, params = {}) {
  const url = new URL(path.replace(/^\//, ''), API_ROOT);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

export const api = {
  get: (path, params) => request('GET', path, undefined, params),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  delete: (path) => request('DELETE', path),
};

async function request(method, path, body, params, retried = false) {
  const response = await send(method, apiUrl(path, params), body);
  if (response.ok) return response.status === 204 ? null : readJson(response);

  const error = await errorOf(response);
  // A token gone stale (a new sign-in in another tab) is fetched again once, transparently.
  if (error.code === 'csrf_failed' && !retried && method !== 'GET') {
    await refreshCsrfToken();
    return request(method, path, body, params, true);
  }
  if (error.status === 401 && error.code === 'not_signed_in') sessionEndedHandler();
  throw error;
}

async function send(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(url, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline',
      'timetracker cannot be reached. Check your connection and try again.');
  }
}

async function refreshCsrfToken() {
  const response = await send('GET', apiUrl('me'));
  if (response.ok) setCsrfToken((await readJson(response)).csrfToken);
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    throw new ApiError(response.status, 'bad_response',
      'The server sent an answer the page does not understand. Reload the page and try again.');
  }
}

async function errorOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // A proxy or gateway error page, not the API: fall back to a message by status.
  }
  const message = typeof body.message === 'string' && body.message ? body.message
    : fallbackMessage(response.status);
  return new ApiError(response.status, body.error ?? `http_${response.status}`, message, body);
}

function fallbackMessage(status) {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'That no longer exists. Reload the page to see the current state.';
  if (status === 413) return 'That is too much text to save at once.';
  if (status >= 502 && status <= 504) {
    return 'timetracker is not answering right now. Try again in a moment.';
  }
  return `Something went wrong (HTTP ${status}). Try again, and tell your operator if it keeps happening.`;
}
