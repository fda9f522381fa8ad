// A week of entries grouped by day, newest first, with daily totals. Each entry can be continued,
// edited in place or deleted.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { localDate, localTime, formatDay, formatDuration, today, addDays } from '../time.js';
import { button, iconButton, errorSlot, showError, busy, onSubmit, projectDot, confirmInline, emptyState } from '../ui.js';
import { updateRunning } from '../timer.js';
import { entryFields, projectOf } from './entry-form.js';

/**
 * Shows finished entries in a list element. context: {projects, tags, zone, onChanged(),
 * onContinue(entry)}; onChanged is called after an edit or delete so the caller reloads.
 */
export function renderEntries(container, entries, context) {
  const finished = entries.filter((entry) => entry.end);
  if (finished.length === 0) {
    replace(container, emptyState('No time tracked this week yet',
      'Start the timer above, or add time you forgot. Your entries show up here, grouped by day.'));
    return;
  }
  replace(container, groupByDay(finished, context.zone).map(([date, dayEntries]) => daySection(date, dayEntries, context)));
}

function groupByDay(entries, zone) {
  const days = new Map();
  for (const entry of [...entries].sort((a, b) => b.start.localeCompare(a.start))) {
    const date = localDate(entry.start, zone);
    if (!days.has(date)) days.set(date, []);
    days.get(date).push(entry);
  }
  return [...days];
}

function daySection(date, entries, context) {
  const total = entries.reduce((sum, entry) => sum + entry.durationSeconds, 0);
  return h('section', { class: 'day', dataset: { date } },
    h('header', { class: 'day-header' },
      h('h3', {}, dayTitle(date, context.zone)),
      h('span', { class: 'day-total', 'aria-label': `Total ${formatDuration(total)}` }, formatDuration(total))),
    h('ul', { class: 'entries' }, entries.map((entry) => entryRow(entry, context))));
}

function dayTitle(date, zone) {
  const now = today(zone);
  if (date === now) return `Today · ${formatDay(date, 'short')}`;
  if (date === addDays(now, -1)) return `Yesterday · ${formatDay(date, 'short')}`;
  return formatDay(date);
}

function entryRow(entry, context) {
  const row = h('li', { class: 'entry', dataset: { entryId: entry.id } });
  const showSummary = () => replace(row, entrySummary(entry, context, { edit: showEditor }));
  const showEditor = () => {
    replace(row, entryEditor(entry, context, () => {
      showSummary();
      row.querySelector('[aria-label^="Edit"]').focus();
    }));
    row.querySelector('input')?.focus();
  };
  showSummary();
  return row;
}

function entrySummary(entry, context, { edit }) {
  const project = projectOf(context.projects, entry.projectId);
  const name = entry.description || 'No description';
  const error = errorSlot();
  const continueButton = iconButton('play', `Continue ${name}`);
  continueButton.addEventListener('click', () => busy(continueButton, error, () => context.onContinue(entry)));
  const actions = h('div', { class: 'entry-actions' }, continueButton,
    iconButton('edit', `Edit ${name}`, edit),
    iconButton('trash', `Delete ${name}`, () => confirmInline(actions, 'Delete this entry?', 'Delete', async (restore) => {
      try {
        await api.delete(`entries/${entry.id}`);
        context.onChanged();
      } catch (failure) {
        restore();
        showError(error, failure);
      }
    })));

  return [
    h('div', { class: 'entry-summary' },
      projectDot(project),
      h('div', { class: 'entry-text' },
        h('span', { class: ['entry-description', entry.description ? null : 'muted'] }, name),
        h('span', { class: 'entry-meta' },
          h('span', { class: 'entry-project' }, project ? project.name : 'No project'),
          entry.tags.map((tag) => h('span', { class: 'tag' }, tag)),
          entry.billable ? h('span', { class: 'badge', title: 'Billable' }, 'billable') : null)),
      h('span', { class: 'entry-times' }, `${localTime(entry.start, context.zone)} – ${localTime(entry.end, context.zone)}`),
      h('span', { class: 'entry-duration' }, formatDuration(entry.durationSeconds)),
      actions),
    error,
  ];
}

function entryEditor(entry, context, close) {
  const fields = entryFields({ entry, projects: context.projects, tags: context.tags, zone: context.zone });
  const error = errorSlot();
  const form = h('form', { class: 'entry-editor', 'aria-label': 'Edit entry' }, fields.element,
    h('div', { class: 'form-actions' },
      button('Save', { variant: 'primary', type: 'submit', icon: 'check' }),
      button('Cancel', { onclick: close })),
    error);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  onSubmit(form, error, async () => {
    const changed = await api.patch(`entries/${entry.id}`, fields.read());
    updateRunning(changed);
    context.onChanged();
  });
  return form;
}
