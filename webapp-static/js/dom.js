// Builds the page from plain values with DOM calls only: user text never passes through an HTML
// parser, and nothing here writes a style attribute, so the strict Content-Security-Policy holds.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Keys that must be set as properties: as attributes they only set the initial state.
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'indeterminate']);

/** Creates an HTML element: h('button', {class: 'primary', onclick: fn}, 'Save'). */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** Creates an SVG element; attributes only. */
export function svg(tag, attrs, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, attrs);
  append(element, children);
  return element;
}

/** Appends children, skipping null and false, flattening arrays, turning text into text nodes. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** Replaces everything inside an element. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (PROPERTIES.has(key)) {
      element[key] = value;
    } else if (value !== false) {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

let lastId = 0;

/** A fresh id for tying labels, hints and errors to their controls. */
export function uniqueId(prefix = 'tt') {
  lastId += 1;
  return `${prefix}-${lastId}`;
}

/** Sets a CSS custom property through the CSSOM, which the CSP allows unlike style attributes. */
export function setColor(element, color, property = '--project-color') {
  element.style.setProperty(property, color || 'var(--no-project-color)');
  return element;
}
