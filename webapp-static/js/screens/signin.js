// Sign in: the only screen without the frame around it.

import { h, replace } from '../dom.js';
import { signIn } from '../session.js';
import { field, errorSlot, onSubmit, icon, InputError } from '../ui.js';

const NOTICES = {
  expired: 'Your session has ended. Sign in again to pick up where you were.',
  'signed-out': 'You are signed out. See you next time.',
};

/** Renders the sign-in form; calls onSignedIn with the place to return to. */
export function renderSignIn(root, params, onSignedIn) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = errorSlot();
  const notice = NOTICES[params.get('reason')];

  const form = h('form', { class: 'signin-form', novalidate: true },
    field('Email', email), field('Password', password), error,
    h('button', { type: 'submit', class: 'button button-primary button-wide' }, h('span', { class: 'button-text' }, 'Sign in')));
  onSubmit(form, error, async () => {
    if (!email.value.trim()) throw new InputError('Enter the email address of your account.', email);
    if (!password.value) throw new InputError('Enter your password.', password);
    try {
      await signIn(email.value.trim(), password.value);
    } catch (failure) {
      throw explain(failure, password);
    }
    onSignedIn(params.get('next'));
  });

  replace(root, h('div', { class: 'signin' },
    h('main', { class: 'signin-card', id: 'main' },
      h('div', { class: 'brand brand-large' }, icon('clock'), h('span', {}, 'timetracker')),
      h('h1', { tabindex: '-1' }, 'Sign in'),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      form,
      h('p', { class: 'signin-help' }, 'No account yet? Your administrator creates one for you.'))));
  email.focus();
}

function explain(failure, password) {
  if (failure.code === 'too_many_attempts') {
    const seconds = failure.body.retryAfterSeconds ?? 900;
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return new InputError(`Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`);
  }
  if (failure.code === 'invalid_credentials') {
    password.value = '';
    return new InputError('That email and password do not match an account. Check both and try again.', password);
  }
  return failure;
}
