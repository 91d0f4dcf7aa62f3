// Mappings (administrators only; anyone else gets 403 from the server and the shell says so):
// the list of the mapping files the daemon watches, and for one of them an editor with line
// numbers, a check that marks each problem at its line, a preview of a sample 1C file as a
// before/after table, saving as a new version, and the history with roll back.
import {api} from '../api.js';
import {codeEditor} from '../code_editor.js';
import {field, h} from '../dom.js';
import {entityName, formatTime, showValue} from '../format.js';
import {t} from '../i18n.js';
import {announce} from '../status.js';

function listPage(items) {
  return h('section', {class: 'page page-mappings'},
    h('h1', {tabindex: '-1'}, t('mappings.title')),
    items.length === 0
      ? h('p', {class: 'empty'}, t('mappings.none'))
      : h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'mappings-table'},
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, t('mappings.name')),
          h('th', {scope: 'col'}, t('mappings.file')),
          h('th', {scope: 'col'}, t('mappings.in_force')),
          h('th', {scope: 'col'}, t('mappings.version')))),
        h('tbody', {}, items.map((m) => h('tr', {},
          h('th', {scope: 'row'}, h('a', {href: `#/mappings/${encodeURIComponent(m.name)}`},
            t(`mappings.kind.${m.name}`))),
          h('td', {}, h('code', {}, m.file)),
          h('td', {}, h('code', {}, m.in_force)),
          h('td', {}, m.version ?? t('mappings.not_saved'))))))));
}

// The preview's before/after table: a row per column a record would change.
function previewTable(items) {
  const rows = [];
  for (const item of items) {
    const record = `${entityName(item.entity)} ${item.onec_key}`;
    const action = t(`mappings.action.${item.action}`);
    const head = (span) => [
      h('th', {scope: 'row', rowspan: span > 1 ? span : null}, record,
        h('span', {class: 'muted origin'}, item.origin)),
      h('td', {rowspan: span > 1 ? span : null}, h('span', {class: `badge action-${item.action}`}, action)),
    ];
    let changes;
    if (item.action === 'insert') {
      changes = Object.entries(item.mapped).map(([column, after]) => ({column, before: null, after}));
    } else {
      changes = item.changes;
    }
    if (item.action === 'refused') {
      rows.push(h('tr', {class: 'refused'}, head(1), h('td', {colspan: 3}, item.reason)));
    } else if (changes.length === 0) {
      rows.push(h('tr', {}, head(1), h('td', {colspan: 3, class: 'muted'}, t('mappings.no_changes'))));
    } else {
      changes.forEach((c, i) => rows.push(h('tr', {},
        i === 0 ? head(changes.length) : null,
        h('td', {}, h('code', {}, c.column)),
        h('td', {class: 'before'}, c.before === null ? h('span', {class: 'muted'}, '—') : h('del', {}, showValue(c.before))),
        h('td', {class: 'after'}, c.after === null ? h('span', {class: 'muted'}, '—') : h('ins', {}, showValue(c.after))))));
    }
  }
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'mapping-preview-table'},
    h('caption', {}, t('mappings.preview.caption', {count: items.length})),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, t('mappings.preview.record')),
      h('th', {scope: 'col'}, t('mappings.preview.action')),
      h('th', {scope: 'col'}, t('mappings.preview.column')),
      h('th', {scope: 'col'}, t('mappings.preview.before')),
      h('th', {scope: 'col'}, t('mappings.preview.after')))),
    h('tbody', {}, rows)));
}

async function editorPage(name, reloadPage) {
  const mapping = await api('GET', `/mappings/${encodeURIComponent(name)}`);
  const {items: versions} = await api('GET', `/mappings/${encodeURIComponent(name)}/versions`);
  const editor = codeEditor({id: 'mapping-text', value: mapping.content, label: {
    text: t('mappings.text'), lines: (n) => t('mappings.lines', {count: n})}});
  const problemsList = h('ol', {id: 'mapping-problems', class: 'problems'});
  const problemsHead = h('h2', {id: 'mapping-problems-head'}, t('mappings.problems'));
  const problemsBox = h('section', {class: 'card problems-card', 'aria-labelledby': 'mapping-problems-head', hidden: true},
    problemsHead, problemsList);
  const previewBox = h('section', {class: 'card', id: 'mapping-preview-box', 'aria-labelledby': 'mapping-preview-head', hidden: true});
  const formError = h('p', {class: 'form-error', role: 'alert', id: 'mapping-error'});
  const sample = h('input', {type: 'file', id: 'mapping-input', accept: '.xml,text/xml,application/xml'});
  const comment = h('input', {type: 'text', id: 'mapping-comment', maxlength: '500'});

  function showProblems(diagnostics) {
    editor.mark(diagnostics);
    problemsList.replaceChildren(...diagnostics.map((d, i) => h('li', {},
      h('button', {type: 'button', class: 'link', id: `mapping-problem-${i + 1}`,
        onclick: () => editor.goToLine(d.line)},
      t('mappings.at', {line: d.line, column: d.column})), ' ', h('span', {class: 'problem-message'}, d.message))));
    problemsBox.hidden = diagnostics.length === 0;
  }

  // Runs `work`, showing an invalid mapping's problems at their lines and any other refusal
  // under the buttons.
  async function attempt(button, work) {
    button.disabled = true;
    formError.textContent = '';
    try {
      await work();
    } catch (e) {
      if (e.code === 'invalid_mapping' && e.data?.diagnostics) {
        showProblems(e.data.diagnostics);
        announce(t('mappings.invalid', {count: e.data.diagnostics.length}), 'error');
      } else {
        formError.textContent = e.message;
      }
    } finally {
      button.disabled = false;
    }
  }

  const checkButton = h('button', {type: 'button', id: 'mapping-check'}, t('mappings.check'));
  checkButton.addEventListener('click', () => attempt(checkButton, async () => {
    const answer = await api('POST', `/mappings/${encodeURIComponent(name)}/check`, {content: editor.value});
    showProblems(answer.diagnostics);
    announce(answer.valid ? t('mappings.valid', {count: answer.entities})
      : t('mappings.invalid', {count: answer.diagnostics.length}), answer.valid ? 'ok' : 'error');
    if (!answer.valid) problemsList.querySelector('button')?.focus();
  }));

  const previewButton = h('button', {type: 'button', id: 'mapping-preview', class: 'secondary'}, t('mappings.preview'));
  previewButton.addEventListener('click', () => attempt(previewButton, async () => {
    const file = sample.files[0];
    if (!file) {
      formError.textContent = t('mappings.preview.need_input');
      sample.focus();
      return;
    }
    const answer = await api('POST', `/mappings/${encodeURIComponent(name)}/preview`,
      {content: editor.value, input: await file.text(), input_name: file.name});
    showProblems([]);
    previewBox.replaceChildren(
      h('h2', {id: 'mapping-preview-head'}, t('mappings.preview.title')),
      answer.items.length === 0 ? h('p', {class: 'empty'}, t('mappings.preview.empty')) : previewTable(answer.items));
    previewBox.hidden = false;
    announce(t('mappings.preview.done', {count: answer.items.length}));
  }));

  const saveButton = h('button', {type: 'button', id: 'mapping-save'}, t('mappings.save'));
  saveButton.addEventListener('click', () => attempt(saveButton, async () => {
    const saved = await api('POST', `/mappings/${encodeURIComponent(name)}/versions`,
      {content: editor.value, comment: comment.value});
    // The page first, then the word: whoever reads the status sees the new history.
    await reloadPage();
    announce(t('mappings.saved', {number: saved.number}));
  }));

  const history = h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'mapping-history'},
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, t('mappings.version')),
      h('th', {scope: 'col'}, t('mappings.saved_at')),
      h('th', {scope: 'col'}, t('mappings.saved_by')),
      h('th', {scope: 'col'}, t('mappings.comment')),
      h('th', {scope: 'col'}, t('mappings.actions')))),
    h('tbody', {}, versions.map((v) => {
      const restore = h('button', {type: 'button', class: 'secondary', id: `mapping-restore-${v.number}`},
        t('mappings.restore', {number: v.number}));
      restore.addEventListener('click', () => attempt(restore, async () => {
        const saved = await api('POST', `/mappings/${encodeURIComponent(name)}/versions/${v.number}/restore`, {});
        await reloadPage();
        announce(t('mappings.restored', {from: v.number, number: saved.number}));
      }));
      return h('tr', {},
        h('th', {scope: 'row'}, String(v.number)),
        h('td', {}, formatTime(v.saved_at)),
        h('td', {}, v.saved_by),
        h('td', {}, v.comment),
        h('td', {}, v.number === mapping.version ? h('span', {class: 'muted'}, t('mappings.on_disk')) : restore));
    }))));

  return h('section', {class: 'page page-mapping'},
    h('h1', {tabindex: '-1'}, t('mappings.edit_title', {name: t(`mappings.kind.${name}`)})),
    h('p', {}, h('a', {href: '#/mappings'}, t('mappings.back'))),
    h('dl', {class: 'inline-pairs'},
      h('div', {}, h('dt', {}, t('mappings.file')), h('dd', {}, h('code', {}, mapping.file))),
      h('div', {}, h('dt', {}, t('mappings.in_force')), h('dd', {id: 'mapping-in-force'}, h('code', {}, mapping.in_force))),
      h('div', {}, h('dt', {}, t('mappings.version')), h('dd', {}, mapping.version ?? t('mappings.not_saved')))),
    editor.root,
    problemsBox,
    h('div', {class: 'mapping-tools'},
      field(t('mappings.sample'), sample, t('mappings.sample_hint')),
      field(t('mappings.comment'), comment)),
    h('div', {class: 'actions'}, checkButton, previewButton, saveButton),
    formError,
    previewBox,
    h('section', {class: 'card', 'aria-labelledby': 'mapping-history-head'},
      h('h2', {id: 'mapping-history-head'}, t('mappings.history')),
      versions.length === 0 ? h('p', {class: 'empty'}, t('mappings.no_history')) : history));
}

export async function render({params, navigate}) {
  if (!params.name) {
    const {items} = await api('GET', '/mappings');
    return listPage(items);
  }
  const holder = h('div', {});
  const reload = async () => {
    holder.replaceChildren(await editorPage(params.name, reload));
    holder.querySelector('h1')?.focus();
  };
  holder.replaceChildren(await editorPage(params.name, reload));
  return holder;
}
