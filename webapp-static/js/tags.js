// A tag field: typed tags become chips, Enter or a comma adds one, Backspace on an empty field
// takes the last one back. Tags used before are offered as suggestions.

import { h, replace, uniqueId } from './dom.js';
import { icon } from './ui.js';

const MAX_TAG_LENGTH = 40;

/**
 * Returns {element, input, value(), set(tags)}; label the field through its input. The element
 * fires 'tagschange' when a person adds or removes a tag.
 */
export function tagInput(initial = [], suggestions = []) {
  let tags = [...initial];
  const chips = h('ul', { class: 'tag-chips', 'aria-label': 'Tags added' });
  const listId = uniqueId('tag-suggestions');
  const input = h('input', {
    type: 'text', list: listId, autocomplete: 'off', maxlength: MAX_TAG_LENGTH,
    placeholder: initial.length ? '' : 'Add tags', class: 'tag-text',
  });
  const element = h('div', { class: 'tag-input' }, chips, input,
    h('datalist', { id: listId }, suggestions.map((name) => h('option', { value: name }))));

  const render = () => {
    replace(chips, tags.map((tag) => h('li', { class: 'tag tag-chip' }, h('span', {}, tag),
      h('button', { type: 'button', class: 'tag-remove', 'aria-label': `Remove tag ${tag}`, onclick: () => remove(tag) },
        icon('close')))));
    input.placeholder = tags.length ? '' : 'Add tags';
  };
  // Tells listeners (the running timer saves its tags) that a person changed the tags.
  const changed = () => {
    render();
    element.dispatchEvent(new CustomEvent('tagschange', { detail: [...tags] }));
  };
  const commit = () => {
    const added = input.value.split(',').map((t) => t.trim()).filter((t) => t && !tags.includes(t));
    input.value = '';
    if (added.length === 0) return;
    tags.push(...new Set(added));
    changed();
  };
  const remove = (tag) => {
    tags = tags.filter((t) => t !== tag);
    changed();
    input.focus();
  };

  input.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ',') && input.value.trim()) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && input.value === '' && tags.length) {
      tags.pop();
      changed();
    }
  });
  // A suggestion picked from the list arrives as one whole value.
  input.addEventListener('change', () => {
    if (suggestions.includes(input.value.trim())) commit();
  });
  input.addEventListener('blur', commit);
  element.addEventListener('click', (event) => {
    if (event.target === element || event.target === chips) input.focus();
  });
  render();

  return {
    element,
    input,
    value: () => {
      commit();
      return [...tags];
    },
    set: (next) => {
      tags = [...next];
      input.value = '';
      render();
    },
  };
}
