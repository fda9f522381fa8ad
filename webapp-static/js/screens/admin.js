// Admin: the people who use this timetracker. Admins create accounts, change roles, deactivate
// people who left and set a new password for someone locked out.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { currentUser } from '../session.js';
import { button, field, select, errorSlot, showError, clearError, statusSlot, flash, loading, loadInto, listTable, panel, screenHeader, onSubmit, InputError } from '../ui.js';

export const adminScreen = { name: 'admin', title: 'Admin', icon: 'admin', admin: true, render };

const MIN_PASSWORD = 12;
const ROLES = [['member', 'Member'], ['admin', 'Admin']];

function render(main) {
  const list = h('div', {}, loading('Loading users…'));
  const reload = () => loadUsers(list, reload);
  replace(main, screenHeader('Admin', 'Who can sign in to this timetracker, and what they may do.'),
    panel('New user', createForm(reload)),
    panel('Users', list));
  reload();
}

function createForm(reload) {
  const name = h('input', { type: 'text', maxlength: 100, required: true, autocomplete: 'off' });
  const email = h('input', { type: 'email', required: true, autocomplete: 'off' });
  const password = h('input', { type: 'password', required: true, autocomplete: 'new-password', minlength: MIN_PASSWORD });
  const role = select(ROLES, 'member');
  const error = errorSlot();
  const created = statusSlot();
  const form = h('form', { 'aria-label': 'New user' },
    h('div', { class: 'form-grid' }, field('Name', name), field('Email', email),
      field('First password', password, { hint: `At least ${MIN_PASSWORD} characters; tell it to them in person.` }),
      field('Role', role)),
    h('div', { class: 'form-actions' }, button('Create user', { variant: 'primary', type: 'submit', icon: 'plus' }), created),
    error);
  onSubmit(form, error, async () => {
    if (!name.value.trim()) throw new InputError('Type the name of the new user.', name);
    if (!email.value.includes('@')) throw new InputError('Type the email address they will sign in with.', email);
    if (password.value.length < MIN_PASSWORD) throw new InputError(`The first password needs at least ${MIN_PASSWORD} characters.`, password);
    const user = await api.post('users', { name: name.value.trim(), email: email.value.trim(), password: password.value, role: role.value });
    form.reset();
    flash(created, `Created ${user.name}. They can sign in now.`);
    reload();
  });
  return form;
}

function loadUsers(list, reload) {
  return loadInto(list, () => api.get('users'), (users) => replace(list,
    listTable('users', ['User', 'Role', 'Status'], users.map((user) => userRow(user, reload)))));
}

function userRow(user, reload) {
  const self = user.id === currentUser().id;
  const error = errorSlot();
  const change = async (changes) => {
    clearError(error);
    try {
      await api.patch(`users/${user.id}`, changes);
      reload();
    } catch (failure) {
      showError(error, failure);
    }
  };
  // Admins cannot demote or deactivate themselves: someone must be left to administer.
  const role = select(ROLES, user.role, { class: 'role-select', 'aria-label': `Role of ${user.name}`, disabled: self });
  role.addEventListener('change', () => change({ role: role.value }));
  const details = h('td', {}, h('div', { class: 'name-cell' }, user.name, self ? h('span', { class: 'badge badge-muted' }, 'you') : null),
    h('div', { class: 'subtle' }, user.email), error);
  const actions = h('div', { class: 'row-actions' },
    button('Reset password', { variant: 'ghost', class: 'small', 'aria-label': `Reset password of ${user.name}`,
      onclick: () => showPasswordForm(details, user) }),
    self ? null : button(user.active ? 'Deactivate' : 'Reactivate', {
      variant: 'ghost', class: 'small', 'aria-label': `${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`,
      onclick: () => change({ active: !user.active }),
    }));
  return h('tr', { dataset: { userId: user.id } },
    details, h('td', { dataset: { label: 'Role' } }, role),
    h('td', { dataset: { label: 'Status' } }, user.active ? h('span', { class: 'badge' }, 'active') : h('span', { class: 'badge badge-muted' }, 'deactivated')),
    h('td', {}, actions));
}

function showPasswordForm(cell, user) {
  cell.querySelector('form')?.remove();
  const password = h('input', { type: 'password', required: true, autocomplete: 'new-password', minlength: MIN_PASSWORD });
  const error = errorSlot();
  const done = statusSlot();
  const form = h('form', { class: 'inline-form', 'aria-label': `New password for ${user.name}` },
    field(`New password for ${user.name}`, password),
    button('Set password', { variant: 'primary', type: 'submit', class: 'small' }),
    button('Cancel', { class: 'small', onclick: () => form.remove() }), done, error);
  onSubmit(form, error, async () => {
    if (password.value.length < MIN_PASSWORD) throw new InputError(`The password needs at least ${MIN_PASSWORD} characters.`, password);
    await api.patch(`users/${user.id}`, { password: password.value });
    password.value = '';
    flash(done, 'Password set. Their sessions are signed out.');
    setTimeout(() => form.remove(), 2500);
  });
  cell.append(form);
  password.focus();
}
