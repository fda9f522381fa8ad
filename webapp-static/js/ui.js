// Building blocks shared by the screens: controls with labels, buttons with icons, the places
// where errors, loading and empty states show.

import { h, svg, replace, uniqueId, setColor } from './dom.js';

// Icon shapes on a 24x24 grid, drawn with the current text colour.
const ICONS = {
  play: [['polygon', { points: '8,5 19,12 8,19', fill: 'currentColor', stroke: 'none' }]],
  stop: [['rect', { x: 6, y: 6, width: 12, height: 12, rx: 2, fill: 'currentColor', stroke: 'none' }]],
  edit: [['path', { d: 'M4 20h4L19 9l-4-4L4 16z M13 7l4 4' }]],
  trash: [['path', { d: 'M4 7h16 M10 7V4h4v3 M6 7l1 13h10l1-13 M10 11v6 M14 11v6' }]],
  plus: [['path', { d: 'M12 5v14 M5 12h14' }]],
  left: [['path', { d: 'M15 5l-7 7 7 7' }]],
  right: [['path', { d: 'M9 5l7 7-7 7' }]],
  download: [['path', { d: 'M12 4v11 M7 10l5 5 5-5 M5 20h14' }]],
  clock: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', { d: 'M12 7v5l3 2' }]],
  archive: [['path', { d: 'M4 5h16v4H4z M6 9v10h12V9 M10 13h4' }]],
  restore: [['path', { d: 'M5 12a7 7 0 1 0 2.1-5 M5 4v4h4' }]],
  close: [['path', { d: 'M6 6l12 12 M18 6L6 18' }]],
  key: [['circle', { cx: 8, cy: 15, r: 4 }], ['path', { d: 'M11 12l8-8 M16 7l2 2 M14 9l2 2' }]],
  signOut: [['path', { d: 'M14 4h5v16h-5 M10 8l-4 4 4 4 M6 12h10' }]],
  check: [['path', { d: 'M5 12l5 5 9-10' }]],
  track: [['circle', { cx: 12, cy: 13, r: 8 }], ['path', { d: 'M12 9v4l2.5 2 M10 2h4 M12 2v3' }]],
  timesheet: [['path', { d: 'M4 5h16v15H4z M4 10h16 M9 10v10 M14 10v10 M8 3v4 M16 3v4' }]],
  reports: [['path', { d: 'M4 20h16 M7 16v-5 M12 16V6 M17 16v-8' }]],
  projects: [['path', { d: 'M3 7h7l2 2h9v10H3z' }]],
  settings: [['circle', { cx: 12, cy: 12, r: 3 }], ['path', { d: 'M12 3v3 M12 18v3 M3 12h3 M18 12h3 M5.6 5.6l2.1 2.1 M16.3 16.3l2.1 2.1 M5.6 18.4l2.1-2.1 M16.3 7.7l2.1-2.1' }]],
  admin: [['circle', { cx: 9, cy: 8, r: 3.5 }], ['path', { d: 'M3 20c0-3.5 2.7-6 6-6s6 2.5 6 6 M16 5.5a3.5 3.5 0 0 1 0 6 M18 14c2 .8 3 2.9 3 6' }]],
};

/** An icon; decorative unless given a label. */
export function icon(name, label) {
  const shapes = ICONS[name].map(([tag, attrs]) => svg(tag, attrs));
  return svg('svg', {
    class: `icon icon-${name}`, viewBox: '0 0 24 24', width: 18, height: 18, fill: 'none',
    stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
    'aria-hidden': label ? null : 'true', role: label ? 'img' : null, 'aria-label': label ?? null,
    focusable: 'false',
  }, shapes);
}

/** A button with text and an optional icon: variant primary, secondary, danger or ghost. */
export function button(text, { variant = 'secondary', icon: iconName, type = 'button', onclick, ...rest } = {}) {
  return h('button', { type, class: ['button', `button-${variant}`, rest.class], onclick, ...without(rest, 'class') },
    iconName ? icon(iconName) : null, h('span', { class: 'button-text' }, text));
}

/** A button that shows only an icon; its label is what screen readers and tooltips say. */
export function iconButton(iconName, label, onclick, variant = 'ghost') {
  return h('button', { type: 'button', class: ['button', 'button-icon', `button-${variant}`], 'aria-label': label, title: label, onclick },
    icon(iconName));
}

function without(object, key) {
  const { [key]: _, ...rest } = object;
  return rest;
}

/**
 * A labelled control: field('Description', h('input', {...}), {hint}). For a compound control
 * name the element the label belongs to as labelTarget.
 */
export function field(label, control, { hint, class: className, labelTarget = control } = {}) {
  labelTarget.id ||= uniqueId('field');
  const hintElement = hint ? h('small', { class: 'field-hint', id: `${labelTarget.id}-hint` }, hint) : null;
  if (hintElement) labelTarget.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: ['field', className] }, h('label', { for: labelTarget.id }, label), control, hintElement);
}

/** A checkbox with its label beside it. */
export function checkbox(label, { checked = false, name } = {}) {
  const box = h('input', { type: 'checkbox', id: uniqueId('check'), checked, name });
  return { box, element: h('label', { class: 'checkbox', for: box.id }, box, h('span', {}, label)) };
}

/** A select filled with options given as [value, text] pairs. */
export function select(options, selected, props = {}) {
  return h('select', props, options.map(([value, text]) =>
    h('option', { value, selected: String(value) === String(selected ?? '') }, text)));
}

/** The place under a form or list where its errors show; screen readers announce it. */
export function errorSlot() {
  return h('p', { class: 'error-message', role: 'alert', hidden: true });
}

export function showError(slot, error) {
  replace(slot, icon('close'), h('span', {}, messageOf(error)));
  slot.hidden = false;
}

export function clearError(slot) {
  slot.hidden = true;
  slot.replaceChildren();
}

/** The human message of any failure. */
export function messageOf(error) {
  if (error?.name === 'ApiError' || error?.name === 'InputError') return error.message;
  console.error(error);
  return 'Something went wrong in the page. Reload it and try again.';
}

/** A mistake in what a person typed, caught before anything is sent. */
export class InputError extends Error {
  constructor(message, control) {
    super(message);
    this.name = 'InputError';
    this.control = control;
  }
}

/** A quiet confirmation next to a form, such as 'Saved', that fades by itself. */
export function statusSlot() {
  return h('p', { class: 'status-message', role: 'status' });
}

export function flash(slot, text) {
  replace(slot, icon('check'), h('span', {}, text));
  slot.classList.add('visible');
  clearTimeout(slot.fadeTimer);
  slot.fadeTimer = setTimeout(() => slot.classList.remove('visible'), 3000);
}

/** What a panel shows while its data is on the way. */
export function loading(text = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/**
 * Fills a container with what load() fetches, drawn by draw(data). The container is marked busy
 * meanwhile and shows the error in place of the data when loading fails. When a newer load into
 * the same container has started, an older answer is dropped.
 */
export async function loadInto(container, load, draw) {
  const ticket = Symbol('load');
  container.loadTicket = ticket;
  container.setAttribute('aria-busy', 'true');
  try {
    const data = await load();
    if (container.loadTicket === ticket) draw(data);
  } catch (failure) {
    if (container.loadTicket !== ticket) return;
    const error = errorSlot();
    replace(container, error);
    showError(error, failure);
  } finally {
    if (container.loadTicket === ticket) container.removeAttribute('aria-busy');
  }
}

/** What a list shows when it has nothing in it yet. */
export function emptyState(title, text, action) {
  return h('div', { class: 'empty-state' }, icon('clock'), h('p', { class: 'empty-title' }, title),
    text ? h('p', {}, text) : null, action ?? null);
}

/**
 * Runs what a button started, with the button disabled meanwhile and the failure shown in the
 * error slot. Returns whether it worked.
 */
export async function busy(control, slot, action) {
  control.disabled = true;
  control.setAttribute('aria-busy', 'true');
  if (slot) clearError(slot);
  try {
    await action();
    return true;
  } catch (error) {
    if (!slot) throw error;
    showError(slot, error);
    error.control?.focus();
    return false;
  } finally {
    control.disabled = false;
    control.removeAttribute('aria-busy');
  }
}

/** Handles a form's submit with busy(): the submit button waits, the error shows in the slot. */
export function onSubmit(form, slot, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]') ?? form;
    busy(submit, slot, () => action(form));
  });
  return form;
}

/** A card on a screen, with a heading. */
export function panel(title, ...children) {
  const heading = title ? h('h2', { class: 'panel-title' }, title) : null;
  return h('section', { class: 'panel', 'aria-label': title ?? null }, heading, children);
}

/** The heading of a screen; focus moves to it when the screen opens. */
export function screenHeader(title, subtitle, ...actions) {
  return h('header', { class: 'screen-header' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), subtitle ? h('p', { class: 'screen-subtitle' }, subtitle) : null),
    actions.length ? h('div', { class: 'screen-actions' }, actions) : null);
}

/**
 * A list of things as a table with column headings and a last column of row actions. On a phone
 * each row becomes a card.
 */
export function listTable(className, headings, rows) {
  return h('div', { class: 'table-scroll' }, h('table', { class: ['table', 'cards', className] },
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    h('tbody', {}, rows)));
}

/** A small coloured dot for a project; the colour is set through the CSSOM. */
export function projectDot(project) {
  return setColor(h('span', { class: 'project-dot', 'aria-hidden': 'true' }), project?.color);
}

/** The options of a project select: 'No project' and the active projects, by name. */
export function projectSelect(projects, selectedId, props = {}) {
  const choices = projects.filter((p) => !p.archived || p.id === selectedId);
  return select([['', 'No project'], ...choices.map((p) => [p.id, p.client ? `${p.name} · ${p.client}` : p.name])],
    selectedId, props);
}

/** Asks a yes/no question in place of a row's actions, instead of a blocking dialog. */
export function confirmInline(container, question, confirmLabel, onConfirm) {
  const previous = [...container.childNodes];
  const keep = button('Keep', { class: 'small' });
  const confirm = button(confirmLabel, { variant: 'danger', class: 'small' });
  const restore = () => {
    replace(container, previous);
    container.querySelector('button')?.focus();
  };
  keep.addEventListener('click', restore);
  confirm.addEventListener('click', () => onConfirm(restore));
  replace(container, h('span', { class: 'confirm-question' }, question), confirm, keep);
  keep.focus();
}
