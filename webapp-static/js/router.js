// Hash routing: '#/reports?from=2026-11-01&to=2026-11-30'. The server only ever serves
// index.html, so no route needs a fallback in nginx.

const DEFAULT_SCREEN = 'track';

/** The screen name and parameters of the current address. */
export function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [name, query = ''] = raw.split('?');
  return { name: name || DEFAULT_SCREEN, params: new URLSearchParams(query) };
}

/** The route as a string that can be handed back to go(), for "return here after sign-in". */
export function currentPlace() {
  return location.hash.replace(/^#\/?/, '') || DEFAULT_SCREEN;
}

/** The link to a screen. */
export function hrefOf(name, params = {}) {
  const query = new URLSearchParams(params).toString();
  return `#/${name}${query ? `?${query}` : ''}`;
}

/** Moves to a screen. */
export function go(name, params) {
  location.hash = hrefOf(name, params);
}

/** Moves to a place taken earlier from currentPlace(). */
export function goToPlace(place) {
  location.hash = `#/${place || DEFAULT_SCREEN}`;
}

/** Changes the parameters of the current screen without adding a history step. */
export function replaceParams(params) {
  const { name } = currentRoute();
  history.replaceState(null, '', hrefOf(name, params));
}

/** Builds the current screen again, as after a failed load. */
export function reopenScreen() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
