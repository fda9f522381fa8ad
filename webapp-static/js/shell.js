// The frame around every screen once signed in: navigation, the running timer, the account.

import { h, replace } from './dom.js';
import { hrefOf, go } from './router.js';
import { currentUser, isAdmin, onUserChange, signOut } from './session.js';
import { onTimer, runningEntry, elapsedSeconds, forgetTimer } from './timer.js';
import { formatElapsed } from './time.js';
import { icon, errorSlot, busy } from './ui.js';

/** Builds the frame into the root element; returns {main, select(name), destroy()}. */
export function createShell(root, screens) {
  const links = new Map();
  const nav = h('nav', { class: 'nav', 'aria-label': 'Main' },
    h('ul', { class: 'nav-list' }, screens.filter((s) => !s.admin || isAdmin()).map((screen) => {
      const link = h('a', { class: 'nav-link', href: hrefOf(screen.name) }, icon(screen.icon), h('span', {}, screen.title));
      links.set(screen.name, link);
      return h('li', {}, link);
    })));
  const runningLink = h('a', { class: 'running-timer', href: hrefOf('track'), hidden: true });
  const accountName = h('span', { class: 'account-name' });
  const accountEmail = h('span', { class: 'account-email' });
  const signOutError = errorSlot();
  const signOutButton = h('button', { type: 'button', class: 'button button-ghost sign-out' }, icon('signOut'), h('span', {}, 'Sign out'));
  signOutButton.addEventListener('click', () => busy(signOutButton, signOutError, async () => {
    await signOut();
    forgetTimer();
    go('signin', { reason: 'signed-out' });
  }));
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });

  replace(root, h('div', { class: 'shell' },
    h('aside', { class: 'sidebar' },
      h('a', { class: 'brand', href: hrefOf('track') }, icon('clock'), h('span', {}, 'timetracker')),
      nav, runningLink,
      h('div', { class: 'account' }, h('div', { class: 'account-who' }, accountName, accountEmail), signOutButton, signOutError)),
    main));

  const showUser = (user) => {
    accountName.textContent = user?.name ?? '';
    accountEmail.textContent = user?.email ?? '';
  };
  const showRunning = ({ running }) => {
    runningLink.hidden = !running;
    if (running) {
      replace(runningLink, h('span', { class: 'pulse', 'aria-hidden': 'true' }),
        h('span', { class: 'running-elapsed' }, formatElapsed(elapsedSeconds())),
        h('span', { class: 'running-description' }, running.description || 'Timer running'));
    }
  };
  showUser(currentUser());
  showRunning({ running: runningEntry() });
  const stopUserUpdates = onUserChange(showUser);
  const stopTimerUpdates = onTimer(showRunning);

  return {
    main,
    select(name) {
      for (const [screen, link] of links) {
        if (screen === name) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    destroy() {
      stopUserUpdates();
      stopTimerUpdates();
    },
  };
}
