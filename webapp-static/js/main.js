// Starts the page: finds out who is signed in, then shows the screen the address names.

import { h, replace } from './dom.js';
import { onSessionEnded } from './api.js';
import { currentRoute, currentPlace, go, goToPlace } from './router.js';
import { currentUser, isAdmin, loadSession, forgetSession } from './session.js';
import { loadTimer, forgetTimer, setScreenTitle } from './timer.js';
import { createShell } from './shell.js';
import { button, errorSlot, showError, screenHeader, emptyState } from './ui.js';
import { renderSignIn } from './screens/signin.js';
import { trackScreen } from './screens/track.js';
import { timesheetScreen } from './screens/timesheet.js';
import { reportsScreen } from './screens/reports.js';
import { projectsScreen } from './screens/projects.js';
import { settingsScreen } from './screens/settings.js';
import { adminScreen } from './screens/admin.js';

const SCREENS = [trackScreen, timesheetScreen, reportsScreen, projectsScreen, settingsScreen, adminScreen];
const root = document.getElementById('app');

let shell = null;
let closeScreen = null;
let firstScreen = true;

onSessionEnded(() => {
  if (!currentUser()) return;
  forgetSession();
  forgetTimer();
  go('signin', { next: currentPlace(), reason: 'expired' });
});
window.addEventListener('hashchange', show);
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});
start();

async function start() {
  try {
    await loadSession();
    if (currentUser()) await loadTimer();
  } catch (failure) {
    showUnreachable(failure);
    return;
  }
  show();
}

function show() {
  closeScreen?.();
  closeScreen = null;
  const route = currentRoute();
  if (route.name === 'signin') {
    showSignIn(route.params);
  } else if (!currentUser()) {
    go('signin', { next: currentPlace() });
  } else {
    showScreen(route);
  }
}

function showSignIn(params) {
  if (currentUser()) {
    goToPlace(params.get('next'));
    return;
  }
  shell?.destroy();
  shell = null;
  setScreenTitle('Sign in');
  renderSignIn(root, params, async (next) => {
    await loadTimer();
    goToPlace(next);
  });
}

function showScreen(route) {
  shell ??= createShell(root, SCREENS);
  const screen = SCREENS.find((s) => s.name === route.name);
  shell.select(screen?.name);
  setScreenTitle(screen?.title ?? 'Not found');
  if (!screen) {
    replace(shell.main, screenHeader('Page not found'),
      emptyState('There is no page at this address', 'Pick a screen from the menu.'));
  } else if (screen.admin && !isAdmin()) {
    replace(shell.main, screenHeader('Admin'),
      emptyState('This page is for admins', 'Only an admin of this timetracker can manage users. Ask one if you need a change.'));
  } else {
    closeScreen = screen.render(shell.main, route.params) ?? null;
  }
  if (!firstScreen) shell.main.querySelector('h1')?.focus();
  firstScreen = false;
}

function showUnreachable(failure) {
  const error = errorSlot();
  replace(root, h('div', { class: 'signin' }, h('main', { class: 'signin-card', id: 'main' },
    h('h1', {}, 'timetracker is not available'), error,
    button('Try again', { variant: 'primary', onclick: () => location.reload() }))));
  showError(error, failure);
}
