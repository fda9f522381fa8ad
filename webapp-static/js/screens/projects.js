// Projects: what time is tracked against, with the client, colour, hourly rate and whether its
// time is billable by default. Archived projects leave the pickers but keep their entries.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { formatMoney } from '../session.js';
import { button, iconButton, field, checkbox, errorSlot, showError, statusSlot, flash, loading, loadInto, listTable, emptyState, panel, screenHeader, projectDot, onSubmit, confirmInline, InputError } from '../ui.js';

export const projectsScreen = { name: 'projects', title: 'Projects', icon: 'projects', render };

const DEFAULT_COLOR = '#4f46e5';

function render(main) {
  const list = h('div', {}, loading('Loading projects…'));
  const showArchived = checkbox('Show archived projects');
  const reload = () => loadProjects(list, showArchived.box.checked, reload);
  showArchived.box.addEventListener('change', reload);

  const createError = errorSlot();
  const created = statusSlot();
  const fields = projectFields();
  const form = h('form', { 'aria-label': 'New project' }, fields.element,
    h('div', { class: 'form-actions' }, button('Create project', { variant: 'primary', type: 'submit', icon: 'plus' }), created),
    createError);
  onSubmit(form, createError, async () => {
    const project = await api.post('projects', fields.read());
    fields.reset();
    flash(created, `Created ${project.name}`);
    reload();
  });

  replace(main, screenHeader('Projects', 'Group your time by project and client, and set what an hour is worth.'),
    panel('New project', form),
    panel(null, h('header', { class: 'week-header' }, h('h2', { class: 'panel-title' }, 'Your projects'),
      h('div', { class: 'week-total' }, showArchived.element)), list));
  reload();
}

function loadProjects(list, archivedToo, reload) {
  return loadInto(list, () => api.get('projects', { archived: archivedToo ? 'all' : 'false' }), (projects) => {
    if (projects.length === 0) {
      replace(list, emptyState('No projects yet', 'Create your first project above to sort your time and bill clients.'));
      return;
    }
    replace(list, listTable('projects', ['Project', 'Client', 'Hourly rate', 'Billable'],
      projects.map((project) => projectRow(project, reload))));
  });
}

function projectRow(project, reload) {
  const row = h('tr', { dataset: { projectId: project.id } });
  const error = errorSlot();
  const change = async (changes) => {
    await api.patch(`projects/${project.id}`, changes);
    reload();
  };
  const showSummary = () => {
    const actions = h('div', { class: 'row-actions' });
    const act = (label, work) => async () => {
      try {
        await work();
      } catch (failure) {
        showError(error, failure);
      }
    };
    if (project.archived) {
      actions.append(button('Restore', { icon: 'restore', class: 'small', onclick: act('restore', () => change({ archived: false })) }),
        iconButton('trash', `Delete ${project.name}`, () => confirmInline(actions, 'Delete for good?', 'Delete', act('delete', async () => {
          await api.delete(`projects/${project.id}`);
          reload();
        }))));
    } else {
      actions.append(iconButton('edit', `Edit ${project.name}`, showEditor),
        iconButton('archive', `Archive ${project.name}`, act('archive', () => change({ archived: true }))));
    }
    replace(row,
      h('td', {}, h('span', { class: 'name-cell' }, projectDot(project), project.name,
        project.archived ? h('span', { class: 'badge badge-muted' }, 'archived') : null), error),
      h('td', { dataset: { label: 'Client' } }, project.client || h('span', { class: 'muted' }, '–')),
      h('td', { dataset: { label: 'Hourly rate' } }, project.hourlyRate != null ? formatMoney(project.hourlyRate) : h('span', { class: 'muted' }, '–')),
      h('td', {}, project.billable ? h('span', { class: 'badge' }, 'billable') : h('span', { class: 'badge badge-muted' }, 'not billable')),
      h('td', {}, actions));
  };
  const showEditor = () => {
    const fields = projectFields(project);
    const editError = errorSlot();
    const form = h('form', { 'aria-label': `Edit ${project.name}` }, fields.element,
      h('div', { class: 'form-actions' }, button('Save', { variant: 'primary', type: 'submit', icon: 'check' }),
        button('Cancel', { onclick: showSummary })), editError);
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') showSummary();
    });
    onSubmit(form, editError, () => change(fields.read()));
    replace(row, h('td', { colspan: 5 }, form));
    form.querySelector('input').focus();
  };
  showSummary();
  return row;
}

/** The fields of a project; read() returns the body for POST or PATCH /api/projects. */
function projectFields(project) {
  const name = h('input', { type: 'text', maxlength: 100, required: true, value: project?.name ?? '', placeholder: 'Website relaunch' });
  const client = h('input', { type: 'text', maxlength: 100, value: project?.client ?? '', placeholder: 'ACME Ltd.' });
  const color = h('input', { type: 'color', value: project?.color ?? DEFAULT_COLOR });
  const rate = h('input', { type: 'number', min: 0, max: 100000, step: '0.01', inputmode: 'decimal', value: project?.hourlyRate ?? '', placeholder: '85' });
  const billable = checkbox('Billable by default', { checked: project?.billable ?? true });
  const element = h('div', { class: 'form-grid' },
    field('Name', name), field('Client', client, { hint: 'Optional' }),
    field('Hourly rate', rate, { hint: 'Optional' }),
    field('Colour', h('div', { class: 'swatch-field' }, color, billable.element), { labelTarget: color }));
  return {
    element,
    read() {
      if (!name.value.trim()) throw new InputError('Give the project a name.', name);
      if (rate.value !== '' && !(Number(rate.value) >= 0 && Number(rate.value) <= 100000)) {
        throw new InputError('The hourly rate is a number from 0 to 100,000.', rate);
      }
      return {
        name: name.value.trim(), client: client.value.trim() || null, color: color.value,
        hourlyRate: rate.value === '' ? null : Math.round(Number(rate.value) * 100) / 100,
        billable: billable.box.checked,
      };
    },
    reset() {
      name.value = '';
      client.value = '';
      rate.value = '';
      color.value = DEFAULT_COLOR;
      billable.box.checked = true;
    },
  };
}
