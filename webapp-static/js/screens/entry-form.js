// The fields of a time entry with start and end, shared by "add time" and inline editing. Times
// are typed in the user's time zone; an end before the start means the entry ran past midnight.

import { h } from '../dom.js';
import { field, checkbox, projectSelect, InputError } from '../ui.js';
import { tagInput } from '../tags.js';
import { localDate, localTime, instantOf, isoInstant, addDays, parseTimeOfDay } from '../time.js';

/**
 * Returns {element, description, read()}. read() checks what was typed and returns the body
 * for POST or PATCH /api/entries, or throws an InputError pointing at the wrong field.
 */
export function entryFields({ entry, date, projects, tags, zone }) {
  const description = h('input', {
    type: 'text', maxlength: 500, value: entry?.description ?? '', placeholder: 'What did you work on?',
  });
  const project = projectSelect(projects, entry?.projectId);
  const tagField = tagInput(entry?.tags ?? [], tags);
  const day = h('input', { type: 'date', required: true, value: entry ? localDate(entry.start, zone) : date });
  const start = timeInput(entry ? localTime(entry.start, zone) : '', '09:00');
  const end = timeInput(entry?.end ? localTime(entry.end, zone) : '', '17:30');
  const billable = checkbox('Billable', { checked: entry?.billable ?? projectOf(projects, project.value)?.billable ?? false });
  project.addEventListener('change', () => {
    billable.box.checked = projectOf(projects, project.value)?.billable ?? false;
  });

  const element = h('div', { class: 'entry-fields' },
    field('Description', description, { class: 'field-description' }),
    field('Project', project, { class: 'field-project' }),
    field('Tags', tagField.element, { class: 'field-tags', labelTarget: tagField.input }),
    field('Date', day, { class: 'field-date' }),
    field('Start', start, { class: 'field-time' }),
    field('End', end, { class: 'field-time' }),
    h('div', { class: 'field field-billable' }, billable.element));

  const read = () => {
    const startTime = parseTimeOfDay(start.value);
    const endTime = parseTimeOfDay(end.value);
    if (!day.value) throw new InputError('Pick the date the time belongs to.', day);
    if (!startTime) throw new InputError('Type the start as a time of day, like 9:00 or 0930.', start);
    if (!endTime) throw new InputError('Type the end as a time of day, like 17:30.', end);
    const startInstant = instantOf(day.value, startTime, zone);
    const endDay = endTime <= startTime ? addDays(day.value, 1) : day.value;
    return {
      description: description.value.trim(),
      projectId: project.value ? Number(project.value) : null,
      tags: tagField.value(),
      billable: billable.box.checked,
      start: isoInstant(startInstant),
      end: isoInstant(instantOf(endDay, endTime, zone)),
    };
  };
  const reset = () => {
    description.value = '';
    start.value = '';
    end.value = '';
    tagField.set([]);
  };
  return { element, description, read, reset };
}

function timeInput(value, placeholder) {
  const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 5, value, placeholder, required: true });
  // Show the time as it was understood, so '930' visibly becomes 09:30.
  input.addEventListener('blur', () => {
    const parsed = parseTimeOfDay(input.value);
    if (parsed) input.value = parsed;
  });
  return input;
}

/** The project with an id (from a select's value), or undefined. */
export function projectOf(projects, id) {
  return projects.find((p) => String(p.id) === String(id));
}
