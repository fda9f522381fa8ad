// Settings: the user's name, time zone and currency, their password, and personal API tokens
// for scripts.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { currentUser, updateUser, userZone } from '../session.js';
import { timeZones, formatDateTime, instantOf, isoInstant, today } from '../time.js';
import { button, field, select, errorSlot, showError, statusSlot, flash, loading, loadInto, listTable, emptyState, panel, screenHeader, onSubmit, confirmInline, InputError } from '../ui.js';

export const settingsScreen = { name: 'settings', title: 'Settings', icon: 'settings', render };

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'JPY'];
const MIN_PASSWORD = 12;

function render(main) {
  replace(main, screenHeader('Settings', 'Your profile, your password and the tokens your scripts use.'),
    h('div', { class: 'settings-grid' }, profilePanel(), passwordPanel()),
    tokensPanel());
}

function profilePanel() {
  const user = currentUser();
  const name = h('input', { type: 'text', maxlength: 100, required: true, value: user.name, autocomplete: 'name' });
  const zone = select(timeZones(user.timeZone).map((z) => [z, z.replaceAll('_', ' ')]), user.timeZone);
  const currencies = CURRENCIES.includes(user.currency) ? CURRENCIES : [user.currency, ...CURRENCIES];
  const currency = select(currencies.map((c) => [c, c]), user.currency);
  const error = errorSlot();
  const saved = statusSlot();
  const form = h('form', { class: 'form-stack', 'aria-label': 'Profile' },
    field('Name', name),
    field('Time zone', zone, { hint: 'Every time you see and type is in this zone.' }),
    field('Currency', currency, { hint: 'For hourly rates and billable amounts.' }),
    h('div', { class: 'form-actions' }, button('Save profile', { variant: 'primary', type: 'submit' }), saved), error);
  onSubmit(form, error, async () => {
    if (!name.value.trim()) throw new InputError('Your name cannot be empty.', name);
    updateUser(await api.patch('me', { name: name.value.trim(), timeZone: zone.value, currency: currency.value }));
    flash(saved, 'Saved');
  });
  return panel('Profile', form);
}

function passwordPanel() {
  const current = h('input', { type: 'password', required: true, autocomplete: 'current-password' });
  const next = h('input', { type: 'password', required: true, autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: 256 });
  const again = h('input', { type: 'password', required: true, autocomplete: 'new-password' });
  const error = errorSlot();
  const saved = statusSlot();
  const form = h('form', { class: 'form-stack', 'aria-label': 'Password' },
    field('Current password', current),
    field('New password', next, { hint: `At least ${MIN_PASSWORD} characters. A few unrelated words are easy to remember.` }),
    field('New password again', again),
    h('div', { class: 'form-actions' }, button('Change password', { variant: 'primary', type: 'submit' }), saved), error);
  onSubmit(form, error, async () => {
    if (!current.value) throw new InputError('Type your current password.', current);
    if (next.value.length < MIN_PASSWORD) throw new InputError(`The new password needs at least ${MIN_PASSWORD} characters.`, next);
    if (next.value !== again.value) throw new InputError('The two new passwords differ. Type the same one twice.', again);
    await api.post('me/password', { currentPassword: current.value, newPassword: next.value });
    form.reset();
    flash(saved, 'Password changed. Your other sessions are signed out.');
  });
  return panel('Password', form);
}

function tokensPanel() {
  const list = h('div', {}, loading('Loading tokens…'));
  const secret = h('div', { 'aria-live': 'polite' });
  const name = h('input', { type: 'text', maxlength: 100, required: true, placeholder: 'laptop script' });
  const expires = h('input', { type: 'date', min: today(userZone()) });
  const error = errorSlot();
  const form = h('form', { class: 'inline-form tokens-form', 'aria-label': 'New token' },
    field('Token name', name), field('Expires on (optional)', expires),
    button('Create token', { variant: 'primary', type: 'submit', icon: 'key' }));
  const reload = () => loadTokens(list, reload);
  onSubmit(form, error, async () => {
    if (!name.value.trim()) throw new InputError('Name the token after where it is used, like "laptop script".', name);
    const body = { name: name.value.trim() };
    if (expires.value) body.expiresAt = isoInstant(instantOf(expires.value, '23:59', userZone()));
    const created = await api.post('me/tokens', body);
    form.reset();
    showSecret(secret, created);
    reload();
  });
  reload();
  return panel('API tokens',
    h('p', { class: 'panel-intro' }, 'Scripts sign in with a token: they send it as "Authorization: Bearer <token>". A token without an expiry date works until you revoke it.'),
    secret, form, error, list);
}

function showSecret(container, created) {
  const value = h('input', { type: 'text', readonly: true, value: created.token, 'aria-label': `Token ${created.name}`, class: 'token-value' });
  const copied = statusSlot();
  const copy = button('Copy', { onclick: async () => {
    value.select();
    try {
      await navigator.clipboard.writeText(created.token);
      flash(copied, 'Copied');
    } catch {
      flash(copied, 'Selected: press Ctrl+C to copy');
    }
  } });
  replace(container, h('div', { class: 'token-secret' },
    h('p', {}, `Your new token “${created.name}”. Copy it now: it is not shown again.`), value,
    h('div', { class: 'form-actions' }, copy,
      button('Done', { variant: 'ghost', onclick: () => container.replaceChildren() }), copied)));
  value.focus();
  value.select();
}

function loadTokens(list, reload) {
  const zone = userZone();
  return loadInto(list, () => api.get('me/tokens'), (tokens) => {
    if (tokens.length === 0) {
      replace(list, emptyState('No tokens yet', 'Create one when a script needs to read or track time for you.'));
      return;
    }
    replace(list, listTable('tokens', ['Name', 'Created', 'Last used', 'Expires'],
      tokens.map((token) => tokenRow(token, zone, reload))));
  });
}

function tokenRow(token, zone, reload) {
  const error = errorSlot();
  const actions = h('div', { class: 'row-actions' });
  actions.append(button('Revoke', { variant: 'ghost', class: 'small', 'aria-label': `Revoke ${token.name}`,
    onclick: () => confirmInline(actions, 'Revoke this token?', 'Revoke', async (restore) => {
      try {
        await api.delete(`me/tokens/${token.id}`);
        reload();
      } catch (failure) {
        restore();
        showError(error, failure);
      }
    }) }));
  const when = (instant, never) => (instant ? formatDateTime(instant, zone) : h('span', { class: 'muted' }, never));
  return h('tr', { dataset: { tokenId: token.id } },
    h('td', {}, h('span', { class: 'name-cell' }, token.name), error),
    h('td', { dataset: { label: 'Created' } }, when(token.createdAt, '–')),
    h('td', { dataset: { label: 'Last used' } }, when(token.lastUsedAt, 'Never')),
    h('td', { dataset: { label: 'Expires' } }, when(token.expiresAt, 'Never')), h('td', {}, actions));
}
