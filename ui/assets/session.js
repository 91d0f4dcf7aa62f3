// Who is signed in: loaded once at start, set by the sign-in page, cleared on sign-out or 401.
import {api, setCsrfToken} from './api.js';

let user = null;

export function currentUser() {
  return user;
}

export function isAdmin() {
  return user?.role === 'admin';
}

function accept(answer) {
  user = answer?.user ?? null;
  setCsrfToken(answer?.csrf_token);
  return user;
}

// The session the cookie carries, or null when there is none (401).
export async function loadSession() {
  try {
    return accept(await api('GET', '/session'));
  } catch (e) {
    if (e.status === 401) return accept(null);
    throw e;
  }
}

export async function signIn(name, password) {
  return accept(await api('POST', '/session', {name, password}));
}

export async function signOut() {
  try {
    await api('DELETE', '/session');
  } finally {
    accept(null);
  }
}

export function forget() {
  accept(null);
}
