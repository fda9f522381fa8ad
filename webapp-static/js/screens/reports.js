// Reports: how much time went where in a range, what it is worth, and the entries as CSV.

import { h, replace, setColor } from '../dom.js';
import { api, apiUrl } from '../api.js';
import { replaceParams } from '../router.js';
import { userZone, formatMoney } from '../session.js';
import { today, mondayOf, addDays, firstOfMonth, lastOfMonth, formatDay, formatRange, formatDuration } from '../time.js';
import { button, field, errorSlot, loading, loadInto, emptyState, panel, screenHeader, projectDot, icon, InputError, onSubmit } from '../ui.js';
import { barChart } from './chart.js';

export const reportsScreen = { name: 'reports', title: 'Reports', icon: 'reports', render };

// Beyond two months, one bar a day gets too thin to read: the chart shows weeks instead.
const MAX_DAY_BARS = 62;

const PRESETS = [
  ['this-week', 'This week', (now) => [mondayOf(now), addDays(mondayOf(now), 6)]],
  ['last-week', 'Last week', (now) => [addDays(mondayOf(now), -7), addDays(mondayOf(now), -1)]],
  ['this-month', 'This month', (now) => [firstOfMonth(now), lastOfMonth(now)]],
  ['last-month', 'Last month', (now) => {
    const previous = addDays(firstOfMonth(now), -1);
    return [firstOfMonth(previous), previous];
  }],
];

function render(main, params) {
  const zone = userZone();
  const now = today(zone);
  const download = h('a', { class: 'button button-secondary', download: true }, icon('download'), h('span', {}, 'Download CSV'));
  const subtitle = h('p', { class: 'screen-subtitle' });
  const header = screenHeader('Reports', null, download);
  header.querySelector('h1').after(subtitle);
  const results = h('div', {}, loading('Loading the report…'));
  const presetButtons = PRESETS.map(([key, label]) => h('button', { type: 'button', dataset: { range: key }, onclick: () => choose(key) }, label));
  const customButton = h('button', { type: 'button', dataset: { range: 'custom' }, onclick: () => choose('custom') }, 'Custom');
  const custom = customRange(params, now, (from, to) => show('custom', from, to));
  replace(main, header,
    h('div', { class: 'range-bar' }, h('div', { class: 'segmented', role: 'group', 'aria-label': 'Range' }, presetButtons, customButton), custom.element),
    results);

  const show = (key, from, to) => {
    for (const b of [...presetButtons, customButton]) b.setAttribute('aria-pressed', String(b.dataset.range === key));
    custom.element.hidden = key !== 'custom';
    replaceParams(key === 'custom' ? { from, to } : { range: key });
    subtitle.textContent = formatRange(from, to);
    download.href = apiUrl('reports/entries.csv', { from, to });
    download.setAttribute('download', `timetracker-${from}-to-${to}.csv`);
    return loadInto(results, () => loadReport(from, to), (report) => renderReport(results, report));
  };
  const choose = (key) => {
    if (key === 'custom') {
      custom.element.hidden = false;
      for (const b of [...presetButtons, customButton]) b.setAttribute('aria-pressed', String(b === customButton));
      custom.focus();
      return;
    }
    const [from, to] = PRESETS.find(([k]) => k === key)[2](now);
    show(key, from, to);
  };

  if (params.get('from') && params.get('to')) show('custom', params.get('from'), params.get('to'));
  else choose(PRESETS.some(([k]) => k === params.get('range')) ? params.get('range') : 'this-week');
}

function customRange(params, now, onApply) {
  const from = h('input', { type: 'date', required: true, value: params.get('from') ?? firstOfMonth(now) });
  const to = h('input', { type: 'date', required: true, value: params.get('to') ?? now });
  const error = errorSlot();
  const form = h('form', { class: 'custom-range', 'aria-label': 'Custom range' },
    field('From', from), field('To', to), button('Show', { variant: 'primary', type: 'submit' }), error);
  form.hidden = true;
  onSubmit(form, error, async () => {
    if (!from.value) throw new InputError('Pick the first day of the range.', from);
    if (!to.value) throw new InputError('Pick the last day of the range.', to);
    if (to.value < from.value) throw new InputError('The range ends before it starts.', to);
    if (addDays(from.value, 365) < to.value) throw new InputError('A report covers a year at most.', to);
    onApply(from.value, to.value);
  });
  return { element: form, focus: () => from.focus() };
}

async function loadReport(from, to) {
  const days = (Date.parse(to) - Date.parse(from)) / 86400000 + 1;
  const timeGroup = days > MAX_DAY_BARS ? 'week' : 'day';
  const [time, projects, tags, projectList] = await Promise.all([
    api.get('reports/summary', { from, to, groupBy: timeGroup }),
    api.get('reports/summary', { from, to, groupBy: 'project' }),
    api.get('reports/summary', { from, to, groupBy: 'tag' }),
    api.get('projects', { archived: 'all' }),
  ]);
  return { time, projects, tags, projectList };
}

function renderReport(container, { time, projects, tags, projectList }) {
  if (time.totalSeconds === 0) {
    replace(container, panel(null, emptyState('No time tracked in this range',
      'Pick another range, or track some time first: the report fills in as you go.')));
    return;
  }
  const byWeek = time.groupBy === 'week';
  const bars = time.groups.map((group) => ({
    label: byWeek ? formatDay(group.key, 'dayMonth') : formatDay(group.key, 'weekday'),
    sublabel: byWeek ? null : formatDay(group.key, 'dayMonth'),
    title: byWeek ? `Week of ${formatDay(group.key, 'short')}` : formatDay(group.key, 'short'),
    seconds: group.totalSeconds,
  }));
  replace(container,
    h('div', { class: 'stats' },
      stat('Total', formatDuration(time.totalSeconds)),
      stat('Billable', formatDuration(time.billableSeconds)),
      stat('Billable amount', formatMoney(time.billableAmount))),
    panel(byWeek ? 'Hours per week' : 'Hours per day',
      chartSlot(bars, `${byWeek ? 'Hours per week' : 'Hours per day'}, ${formatDuration(time.totalSeconds)} in total`),
      h('details', { class: 'chart-table' }, h('summary', {}, 'Show as table'),
        groupTable(byWeek ? 'Week' : 'Day', time.groups.map((g) => ({ ...g, label: bars[time.groups.indexOf(g)].title })), time.totalSeconds))),
    h('div', { class: 'report-columns' },
      panel('By project', groupTable('Project', projects.groups, projects.totalSeconds, projectList)),
      panel('By tag', groupTable('Tag', tags.groups, tags.totalSeconds))));
}

// Only the chart of the report on screen is kept to the width of its panel.
let chartResizes = null;

// The chart is drawn for the width it gets and drawn again when that width changes (a phone
// turned sideways, a window resized), so that its text keeps its size.
function chartSlot(bars, description) {
  const slot = h('div', { class: 'chart-slot' });
  let drawnWidth = 0;
  chartResizes?.disconnect();
  chartResizes = new ResizeObserver(() => {
    const width = slot.clientWidth;
    if (Math.abs(width - drawnWidth) < 16) return;
    drawnWidth = width;
    replace(slot, barChart(bars, description, width));
  });
  chartResizes.observe(slot);
  return slot;
}

function stat(label, value) {
  return h('div', { class: 'panel stat' }, h('p', { class: 'stat-label' }, label), h('p', { class: 'stat-value' }, value));
}

function groupTable(heading, groups, totalSeconds, projectList) {
  const shown = groups.filter((g) => g.totalSeconds > 0 || !projectList);
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, heading), h('th', { scope: 'col', class: 'number' }, 'Hours'),
      h('th', { scope: 'col', class: 'number' }, 'Amount'))),
    h('tbody', {}, shown.map((group) => {
      const project = projectList?.find((p) => String(p.id) === String(group.key));
      const share = totalSeconds ? (group.totalSeconds / totalSeconds) * 100 : 0;
      const bar = setColor(h('span', { class: 'share', 'aria-hidden': 'true' }), project?.color ?? (projectList ? null : 'var(--accent)'));
      bar.style.setProperty('--share', `${share.toFixed(1)}%`);
      return h('tr', {},
        h('td', {}, h('span', { class: 'name-cell' }, projectList ? projectDot(project) : null, group.label), bar),
        h('td', { class: 'number' }, formatDuration(group.totalSeconds)),
        h('td', { class: 'number' }, group.billableAmount ? formatMoney(group.billableAmount) : '–'));
    }))));
}
