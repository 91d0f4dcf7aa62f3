// The one way pages talk to /api/v1: JSON in and out, the CSRF header on every change, a 401
// sends the user to the sign-in page, and errors arrive as ApiError with the server's message
// and the form field it names.
let csrfToken = '';
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field ?? null;
  }
}

export function setCsrfToken(token) {
  csrfToken = token ?? '';
}

// Called with no arguments when the session is gone (any 401 outside signing in).
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export async function api(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network', e.message || 'network error', null);
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? {};
    const failure = new ApiError(response.status, error.code ?? `http_${response.status}`,
      error.message ?? response.statusText, error.field);
    failure.data = data;  // the whole body: some refusals carry more (a mapping's diagnostics)
    if (response.status === 401 && path !== '/session') onUnauthorized();
    throw failure;
  }
  return data;
}

// '/orders' + {q: 'x', state: ''} → '/orders?q=x' (empty values are left out).
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
