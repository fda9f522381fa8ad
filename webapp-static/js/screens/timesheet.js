// The week timesheet: projects by days, for entering or correcting hours after the fact. A cell
// holds the day's total for the project; the server adds or shortens entries to match it.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { replaceParams } from '../router.js';
import { userZone } from '../session.js';
import { today, mondayOf, addDays, formatDay, formatRange, formatDuration, parseDuration } from '../time.js';
import { button, iconButton, field, select, errorSlot, showError, clearError, loading, loadInto, emptyState, panel, screenHeader, projectDot, InputError } from '../ui.js';

export const timesheetScreen = { name: 'timesheet', title: 'Timesheet', icon: 'timesheet', render };

const DAY_SECONDS = 24 * 3600;

function render(main, params) {
  const zone = userZone();
  let weekStart = mondayOf(params.get('week') || today(zone));
  const range = h('p', { class: 'screen-subtitle' });
  const thisWeek = button('This week', { onclick: () => show(mondayOf(today(zone))) });
  const body = h('div', {}, loading('Loading the timesheet…'));
  const header = screenHeader('Timesheet', null,
    iconButton('left', 'Previous week', () => show(addDays(weekStart, -7)), 'secondary'),
    thisWeek,
    iconButton('right', 'Next week', () => show(addDays(weekStart, 7)), 'secondary'));
  header.querySelector('h1').after(range);
  replace(main, header, panel(null, body));

  const show = (monday) => {
    weekStart = monday;
    replaceParams({ week: monday });
    range.textContent = formatRange(monday, addDays(monday, 6));
    thisWeek.disabled = monday === mondayOf(today(zone));
    return loadInto(body,
      () => Promise.all([api.get('timesheet', { week: monday }), api.get('projects', { archived: 'all' })]),
      ([sheet, projects]) => renderSheet(body, sheet, projects, zone));
  };
  show(weekStart);
}

function renderSheet(container, sheet, projects, zone) {
  const rows = sheet.rows.map((row) => ({ projectId: row.projectId, seconds: [...row.seconds] }));
  const error = errorSlot();
  const projectOf = (id) => projects.find((p) => p.id === id);

  const draw = () => {
    rows.sort((a, b) => sortKey(projectOf(a.projectId)).localeCompare(sortKey(projectOf(b.projectId))));
    const tfoot = h('tfoot');
    const showTotals = () => replace(tfoot, totalsRow(sheet.days, rows));
    const context = { days: sheet.days, now: today(zone), error, onSaved: showTotals };
    const table = h('table', { class: 'table timesheet' }, headRow(sheet.days, context.now),
      h('tbody', {}, rows.map((row) => sheetRow(row, { ...context, project: projectOf(row.projectId) }))), tfoot);
    showTotals();
    replace(container,
      rows.length ? [h('div', { class: 'table-scroll' }, table),
        h('p', { class: 'timesheet-hint' }, 'Type hours as 1:30, 1.5 or 90m. A cell holds the day’s total for the project.')]
        : emptyState('No time on the timesheet this week',
          'Add a project row below, then type hours into the days: 1:30, 1.5 or 90m all work.'),
      error,
      addRow(projects, rows, (projectId) => {
        rows.push({ projectId, seconds: sheet.days.map(() => 0) });
        draw();
        container.querySelector(`tr[data-project-id="${projectId ?? 'none'}"] input`)?.focus();
      }));
  };
  draw();
}

function headRow(days, now) {
  return h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Project'),
    days.map((date) => h('th', { scope: 'col', class: ['day-column', date === now ? 'today' : null] },
      formatDay(date, 'weekday'), h('br'), h('span', { class: 'subtle' }, formatDay(date, 'dayMonth')))),
    h('th', { scope: 'col', class: 'day-column' }, 'Total')));
}

function totalsRow(days, rows) {
  const totals = days.map((_, day) => rows.reduce((sum, row) => sum + row.seconds[day], 0));
  return h('tr', {}, h('td', {}, 'Total'),
    totals.map((seconds) => h('td', {}, formatDuration(seconds))),
    h('td', {}, formatDuration(totals.reduce((a, b) => a + b, 0))));
}

function sortKey(project) {
  // Time without a project goes last.
  return project ? `0${project.name.toLowerCase()}` : '1';
}

function sheetRow(row, { days, now, project, error, onSaved }) {
  const name = project?.name ?? 'No project';
  const total = h('td', { class: 'row-total' });
  const showTotal = () => {
    total.textContent = formatDuration(row.seconds.reduce((a, b) => a + b, 0));
  };
  const cells = days.map((date, day) => {
    const input = h('input', {
      type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0:00',
      value: row.seconds[day] ? formatDuration(row.seconds[day]) : '',
      'aria-label': `${name}, ${formatDay(date)}`,
    });
    const cell = h('td', { class: ['cell', date === now ? 'today' : null] }, input);
    const save = () => saveCell({ row, day, date, input, cell, error, name }).then((saved) => {
      if (!saved) return;
      showTotal();
      onSaved();
    });
    input.addEventListener('change', save);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') save();
    });
    return cell;
  });
  showTotal();
  return h('tr', { dataset: { projectId: row.projectId ?? 'none' } },
    h('td', {}, h('span', { class: 'name-cell' }, projectDot(project), name,
      project?.archived ? h('span', { class: 'badge badge-muted' }, 'archived') : null)),
    cells, total);
}

async function saveCell({ row, day, date, input, cell, error, name }) {
  const seconds = parseDuration(input.value);
  clearError(error);
  input.removeAttribute('aria-invalid');
  try {
    if (seconds === null) throw new InputError(`“${input.value}” is not an amount of time. Type hours like 1:30, 1.5 or 90m.`, input);
    if (seconds > DAY_SECONDS) throw new InputError('A day has 24 hours at most.', input);
    if (seconds === row.seconds[day]) {
      input.value = seconds ? formatDuration(seconds) : '';
      return false;
    }
    cell.classList.add('saving');
    const saved = await api.put('timesheet/cell', { date, projectId: row.projectId, seconds });
    row.seconds = [...secondsOf(saved, row)];
    input.value = row.seconds[day] ? formatDuration(row.seconds[day]) : '';
    cell.classList.add('saved');
    setTimeout(() => cell.classList.remove('saved'), 1500);
    return true;
  } catch (failure) {
    input.setAttribute('aria-invalid', 'true');
    showError(error, failure.name === 'InputError' ? failure
      : new InputError(`${name} on ${formatDay(date, 'short')} was not saved: ${failure.message}`));
    return false;
  } finally {
    cell.classList.remove('saving');
  }
}

// The answer is the row that changed; a whole week in its place is read for that row.
function secondsOf(answer, row) {
  if (Array.isArray(answer.seconds)) return answer.seconds;
  const changed = answer.rows?.find((r) => r.projectId === row.projectId);
  return changed ? changed.seconds : row.seconds.map(() => 0);
}

function addRow(projects, rows, onAdd) {
  const shown = new Set(rows.map((row) => row.projectId));
  const choices = projects.filter((p) => !p.archived && !shown.has(p.id));
  const options = [...choices.map((p) => [p.id, p.name]), ...(shown.has(null) ? [] : [['', 'No project']])];
  if (options.length === 0) return null;
  const choice = select(options, options[0][0]);
  return h('div', { class: 'add-row' },
    field('Add a row for', choice),
    button('Add row', { icon: 'plus', onclick: () => onAdd(choice.value ? Number(choice.value) : null) }));
}
