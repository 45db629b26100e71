// A small client for DevHealth's REST API, shared by dev/quickstart.mjs and bench/service-sync.mjs.

/**
 * Calls `base + path` with an optional bearer token and JSON body. Returns {status, json}; a non-2xx status
 * throws (with the problem's detail) unless listed in `allow`.
 */
export async function apiCall(base, method, path, { token, body, allow = [], headers = {} } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok && !allow.includes(response.status)) {
    const reason = json?.detail ?? json?.title ?? text;
    throw new Error(`${method} ${path} → ${response.status}: ${reason}`);
  }
  return { status: response.status, json };
}

/** An access token for the bootstrap admin (env DEVHEALTH_ADMIN_EMAIL / DEVHEALTH_ADMIN_PASSWORD). */
export async function loginAsAdmin(identityBase) {
  const { json } = await apiCall(identityBase, 'POST', '/api/v1/identity/auth/token', {
    body: { email: process.env.DEVHEALTH_ADMIN_EMAIL, password: process.env.DEVHEALTH_ADMIN_PASSWORD },
  });
  return json.accessToken;
}
