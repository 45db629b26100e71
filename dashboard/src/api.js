// The public REST API through the gateway (same origin), with the signed-in user's token. Sessions live in
// sessionStorage (this tab only). A 401 refreshes the session once (identity rotates the refresh token); when that
// fails too the session has expired and the app returns to the login page.

const KEY = 'devhealth.session';

export class SessionExpired extends Error {}

/** An error answer: the problem+json `detail` (or title) with the HTTP status and problem `type`. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem?.type;
  }
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function store(tokens) {
  sessionStorage.setItem(KEY, JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

async function send(method, path, { token, body } = {}) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function parse(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Signs in (identity `POST /auth/token`); throws ApiError on wrong credentials (401) or throttling (429). */
export async function login(email, password) {
  store(await parse(await send('POST', '/api/v1/identity/auth/token', { body: { email, password } })));
}

export async function logout() {
  const current = session();
  clearSession();
  if (current?.refreshToken) {
    await send('POST', '/api/v1/identity/auth/logout', { body: { refreshToken: current.refreshToken } }).catch(() => {});
  }
}

let refreshing = null;

async function refresh() {
  const current = session();
  if (!current?.refreshToken) throw new SessionExpired();
  const response = await send('POST', '/api/v1/identity/auth/refresh', { body: { refreshToken: current.refreshToken } });
  if (!response.ok) {
    clearSession();
    throw new SessionExpired();
  }
  store(await response.json());
}

/** Calls the API as the signed-in user: JSON in and out; SessionExpired when no session can be restored. */
export async function api(method, path, body) {
  const current = session();
  if (!current) throw new SessionExpired();
  let response = await send(method, path, { token: current.accessToken, body });
  if (response.status === 401) {
    refreshing ??= refresh().finally(() => { refreshing = null; });
    await refreshing;
    response = await send(method, path, { token: session().accessToken, body });
    if (response.status === 401) {
      clearSession();
      throw new SessionExpired();
    }
  }
  return parse(response);
}

export const get = path => api('GET', path);

/**
 * Every item of a cursor-paged list (`{items, nextCursor}`), `limit` per request, stopping after `max` items (a chart
 * shows no more than that; the API's own limits still apply).
 */
export async function getAll(path, { limit = 200, max = 2000 } = {}) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(path + (path.includes('?') ? '&' : '?') + query({ limit, cursor }).slice(1));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** A query string from the defined, non-empty values of params. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
