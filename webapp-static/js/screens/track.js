// Track: the timer bar, time added after the fact, and a week of entries grouped by day.

import { h, replace } from '../dom.js';
import { reopenScreen } from '../router.js';
import { api } from '../api.js';
import { userZone } from '../session.js';
import { today, mondayOf, addDays, formatDay, formatRange, formatDuration, formatElapsed } from '../time.js';
import { runningEntry, elapsedSeconds, startTimer, stopTimer, onTimer, updateRunning } from '../timer.js';
import { button, iconButton, field, errorSlot, showError, clearError, statusSlot, flash, loading, onSubmit, panel, screenHeader, projectSelect, icon } from '../ui.js';
import { tagInput } from '../tags.js';
import { renderEntries } from './entry-list.js';
import { entryFields } from './entry-form.js';

export const trackScreen = { name: 'track', title: 'Track', icon: 'track', render };

function render(main) {
  const zone = userZone();
  const context = { zone, projects: [], tags: [], weekStart: mondayOf(today(zone)) };
  const timerSlot = h('div', { class: 'panel timer-panel' }, loading('Loading your timer…'));
  const manualSlot = h('div');
  const week = weekSection(context);
  replace(main, screenHeader('Track', formatDay(today(zone))), timerSlot, manualSlot, week.element);

  let timerBar = null;
  const stopUpdates = onTimer((change) => {
    if (!timerBar) return;
    timerBar.show(change);
    if (!change.tick) week.reload();
  });
  context.onChanged = () => week.reload();
  context.onContinue = (entry) => startTimer({
    description: entry.description, projectId: entry.projectId, tags: entry.tags, billable: entry.billable,
  });

  loadChoices(context).then(() => {
    timerBar = createTimerBar(context);
    replace(timerSlot, timerBar.element);
    replace(manualSlot, manualEntry(context));
    week.reload();
  }, (failure) => {
    const error = errorSlot();
    replace(timerSlot, error, button('Try again', { onclick: reopenScreen }));
    showError(error, failure);
  });
  return stopUpdates;
}

async function loadChoices(context) {
  const [projects, tags] = await Promise.all([api.get('projects', { archived: 'all' }), api.get('tags')]);
  context.projects = projects;
  context.tags = tags.map((tag) => tag.name);
}

function createTimerBar(context) {
  const description = h('input', { type: 'text', maxlength: 500, placeholder: 'What are you working on?', autocomplete: 'off' });
  const project = projectSelect(context.projects, null);
  const tags = tagInput([], context.tags);
  const elapsed = h('span', { class: 'timer-elapsed', 'aria-label': 'Elapsed time' }, '0:00:00');
  const toggle = h('button', { type: 'submit', class: 'button timer-toggle' });
  const error = errorSlot();
  const form = h('form', { class: 'timer-bar', 'aria-label': 'Timer' },
    field('Description', description, { class: 'field-description' }),
    field('Project', project, { class: 'field-project' }),
    field('Tags', tags.element, { class: 'field-tags', labelTarget: tags.input }),
    h('div', { class: 'timer-controls' }, elapsed, toggle));
  const element = h('div', {}, form, error);

  // undefined until the first show(), so that the first call always draws the bar.
  let shownId;
  const show = ({ running }) => {
    elapsed.textContent = formatElapsed(running ? elapsedSeconds() : 0);
    if ((running?.id ?? null) === shownId) return;
    shownId = running?.id ?? null;
    description.value = running?.description ?? '';
    project.value = running?.projectId ?? '';
    tags.set(running?.tags ?? []);
    replace(toggle, icon(running ? 'stop' : 'play'), h('span', { class: 'button-text' }, running ? 'Stop' : 'Start'));
    toggle.classList.toggle('button-danger', Boolean(running));
    toggle.classList.toggle('button-primary', !running);
    form.classList.toggle('running', Boolean(running));
  };

  // While a timer runs, what a person changes in the bar is saved to the running entry.
  const saveRunning = async (changes) => {
    const running = runningEntry();
    if (!running) return;
    clearError(error);
    try {
      updateRunning(await api.patch(`entries/${running.id}`, changes));
    } catch (failure) {
      showError(error, failure);
    }
  };
  description.addEventListener('change', () => saveRunning({ description: description.value.trim() }));
  project.addEventListener('change', () => saveRunning({ projectId: project.value ? Number(project.value) : null }));
  tags.element.addEventListener('tagschange', (event) => saveRunning({ tags: event.detail }));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Enter in a field of a running timer saves that field; only the button stops the timer.
    if (runningEntry() && event.submitter !== toggle) {
      event.target.querySelector(':focus')?.blur();
      return;
    }
    toggleTimer();
  });
  const toggleTimer = async () => {
    toggle.disabled = true;
    clearError(error);
    try {
      if (runningEntry()) await stopTimer();
      else await startTimer({ description: description.value.trim(), projectId: project.value ? Number(project.value) : null, tags: tags.value() });
    } catch (failure) {
      showError(error, failure);
    } finally {
      toggle.disabled = false;
    }
  };

  show({ running: runningEntry() });
  return { element, show };
}

function manualEntry(context) {
  const fields = entryFields({ date: today(context.zone), projects: context.projects, tags: context.tags, zone: context.zone });
  const error = errorSlot();
  const status = statusSlot();
  const form = h('form', { class: 'manual-entry-form', 'aria-label': 'Add time' }, fields.element,
    h('div', { class: 'form-actions' }, button('Add entry', { variant: 'primary', type: 'submit', icon: 'plus' }), status),
    error);
  onSubmit(form, error, async () => {
    const entry = await api.post('entries', fields.read());
    fields.reset();
    flash(status, `Added ${formatDuration(entry.durationSeconds)}`);
    context.onChanged();
    fields.description.focus();
  });
  return h('details', { class: 'panel manual-entry' },
    h('summary', {}, icon('plus'), h('span', {}, 'Add time you forgot')), form);
}

function weekSection(context) {
  const title = h('h2', { class: 'panel-title' });
  const total = h('span', { class: 'week-total' });
  const list = h('div', { class: 'week-entries' }, loading('Loading entries…'));
  const error = errorSlot();
  const previous = iconButton('left', 'Previous week', () => move(-7));
  const next = iconButton('right', 'Next week', () => move(7));
  const element = panel(null,
    h('header', { class: 'week-header' }, title, h('div', { class: 'week-nav' }, previous, next), total),
    error, list);

  let loads = 0;
  const reload = async () => {
    const load = ++loads;
    const from = context.weekStart;
    const to = addDays(from, 6);
    const thisWeek = from === mondayOf(today(context.zone));
    title.textContent = thisWeek ? 'This week' : formatRange(from, to);
    next.disabled = thisWeek;
    list.setAttribute('aria-busy', 'true');
    clearError(error);
    try {
      const page = await api.get('entries', { from, to, page: 0, size: 500 });
      if (load !== loads) return;
      const seconds = page.items.filter((e) => e.end).reduce((sum, e) => sum + e.durationSeconds, 0);
      total.textContent = `${formatDuration(seconds)} total`;
      renderEntries(list, page.items, context);
    } catch (failure) {
      if (load === loads) showError(error, failure);
    } finally {
      list.removeAttribute('aria-busy');
    }
  };
  const move = (days) => {
    context.weekStart = addDays(context.weekStart, days);
    reload();
  };
  return { element, reload };
}
