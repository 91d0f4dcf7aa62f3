// Building DOM without innerHTML: the CSP forbids inline styles and scripts, and text from the
// API must never be parsed as markup.

// Properties set as properties, not attributes, so a form control shows the given state.
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'textContent']);

// h('button', {type: 'button', onclick: f}, 'text', child...) → an element.
// Props with null, undefined or false are left out; children may be strings, nodes, arrays or
// null (skipped).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (PROPERTIES.has(name)) el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// A labelled form control: <div class="field"><label for=id>…</label>control</div>.
export function field(label, control, hint) {
  const hintId = hint ? `${control.id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', {class: 'field'},
    h('label', {for: control.id}, label),
    control,
    hint ? h('span', {class: 'hint', id: hintId}, hint) : null);
}

// A <select> with [value, text] options and the given value chosen.
export function select(id, options, value) {
  return h('select', {id, name: id},
    options.map(([v, text]) => h('option', {value: v, selected: v === value}, text)));
}
