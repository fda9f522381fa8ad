// Who is signed in. The session itself is the HttpOnly cookie; the page keeps the user it
// belongs to and the CSRF token that goes with it.

import { api, setCsrfToken } from './api.js';

let user = null;
const listeners = new Set();

/** The signed-in user, or null. */
export function currentUser() {
  return user;
}

export function isAdmin() {
  return user?.role === 'admin';
}

/** The user's time zone: every time on the page is shown and read in it. */
export function userZone() {
  return user?.timeZone ?? 'UTC';
}

/** Money in the user's currency: '€1,240.50'. */
export function formatMoney(amount) {
  const currency = user?.currency ?? 'EUR';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount ?? 0);
  } catch {
    return `${(amount ?? 0).toFixed(2)} ${currency}`;
  }
}

/** Asks the server whether the cookie still holds a session; returns the user or null. */
export async function loadSession() {
  try {
    const me = await api.get('me');
    adopt(me, me.csrfToken);
  } catch (error) {
    if (error.status !== 401) throw error;
    forgetSession();
  }
  return user;
}

export async function signIn(email, password) {
  const answer = await api.post('auth/login', { email, password });
  adopt(answer.user, answer.csrfToken);
  return user;
}

export async function signOut() {
  try {
    await api.post('auth/logout');
  } finally {
    forgetSession();
  }
}

/** Takes a changed user (new name or time zone) and tells whoever shows it. */
export function updateUser(changed) {
  const { csrfToken, ...rest } = changed;
  user = rest;
  for (const listener of listeners) listener(user);
}

/** Calls back whenever the signed-in user changes; returns a function that stops it. */
export function onUserChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function forgetSession() {
  user = null;
  setCsrfToken(null);
}

function adopt(signedIn, csrfToken) {
  setCsrfToken(csrfToken);
  updateUser(signedIn);
}
