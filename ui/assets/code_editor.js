// A plain-text code editor: a <textarea> with a line-number gutter kept in step with it (the
// gutter scrolls with the text and grows with it), lines marked as erroneous in the gutter,
// and a way to move the caret to a line. No wrapping, so a gutter line is a text line.
import {h} from './dom.js';

export function codeEditor({id, label, value}) {
  const gutter = h('div', {class: 'gutter', 'aria-hidden': 'true'});
  const text = h('textarea', {id, name: id, class: 'code', wrap: 'off', spellcheck: 'false',
    autocomplete: 'off', autocapitalize: 'off', 'aria-describedby': `${id}-lines`, value});
  const lines = h('p', {class: 'hint', id: `${id}-lines`});
  let marks = new Map();  // line -> message

  function renderGutter() {
    const count = text.value.split('\n').length;
    if (gutter.childElementCount !== count) {
      gutter.replaceChildren(...Array.from({length: count}, (_, i) => h('div', {}, String(i + 1))));
    }
    gutter.querySelectorAll('.gutter-error').forEach((el) => {
      el.classList.remove('gutter-error');
      el.removeAttribute('title');
    });
    for (const [line, message] of marks) {
      const el = gutter.children[line - 1];
      if (el) {
        el.classList.add('gutter-error');
        el.title = message;
      }
    }
    gutter.scrollTop = text.scrollTop;
    lines.textContent = label.lines(count);
  }

  text.addEventListener('input', renderGutter);
  text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });

  const root = h('div', {class: 'field editor-field'},
    h('label', {for: id}, label.text),
    h('div', {class: 'editor'}, gutter, text),
    lines);
  // Once in the document, so the gutter has its height.
  queueMicrotask(renderGutter);

  return {
    root,
    get value() { return text.value; },
    set value(v) {
      text.value = v;
      renderGutter();
    },
    // [{line, message}]: each line marked in the gutter; [] clears the marks.
    mark(problems) {
      marks = new Map(problems.filter((p) => p.line > 0).map((p) => [p.line, p.message]));
      renderGutter();
    },
    // Puts the caret at the start of `line` (from 1), selects that line and scrolls it into
    // the middle of the view.
    goToLine(line) {
      const starts = [0];
      for (let i = 0; i < text.value.length; i++) if (text.value[i] === '\n') starts.push(i + 1);
      const start = starts[Math.min(line, starts.length) - 1] ?? 0;
      const end = line < starts.length ? starts[line] - 1 : text.value.length;
      text.focus();
      text.setSelectionRange(start, end);
      const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 18;
      text.scrollTop = Math.max(0, (line - 1) * lineHeight - text.clientHeight / 2);
      gutter.scrollTop = text.scrollTop;
    },
    // The line the caret is on, from 1.
    caretLine() {
      return text.value.slice(0, text.selectionStart).split('\n').length;
    },
  };
}
