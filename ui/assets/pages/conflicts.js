// The conflicts inbox: one card per record, each disputed field with its base, CRM and 1C
// values and when each side changed it; take the CRM's, take 1C's or type a value, with a
// comment. The bulk form resolves every listed open conflict matching a field the same way.
import {api, withQuery} from '../api.js';
import {field, h, select} from '../dom.js';
import {entityName, formatTime, showValue} from '../format.js';
import {t} from '../i18n.js';
import {announce} from '../status.js';

const STATUSES = ['open', 'resolved', 'all'];

// Conflicts grouped by the record they are about, in the server's order.
function byRecord(items) {
  const groups = new Map();
  for (const item of items) {
    const key = `${item.entity}\u0000${item.crm_key}\u0000${item.onec_key}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return [...groups.values()];
}

function valueCell(label, value, changedAt) {
  return h('div', {class: 'side'},
    h('dt', {}, label),
    h('dd', {}, h('span', {class: 'value'}, showValue(value)),
      changedAt ? h('span', {class: 'when'}, t('conflicts.changed_at', {at: formatTime(changedAt)})) : null));
}

function resolveForm(item, reload) {
  const prefix = `conflict-${item.id}`;
  const radio = (take, label) => h('div', {class: 'choice'},
    h('input', {type: 'radio', name: `${prefix}-take`, id: `${prefix}-take-${take}`, value: take}),
    h('label', {for: `${prefix}-take-${take}`}, label));
  const value = h('input', {type: 'text', id: `${prefix}-value`, name: 'value'});
  const comment = h('textarea', {id: `${prefix}-comment`, name: 'comment', rows: '2'});
  const error = h('p', {class: 'form-error', id: `${prefix}-error`, role: 'alert'});
  const form = h('form', {class: 'resolve', 'aria-label': t('conflicts.choice', {field: item.field})},
    h('fieldset', {},
      h('legend', {}, t('conflicts.choice', {field: item.field})),
      radio('crm', t('conflicts.take_crm')),
      radio('onec', t('conflicts.take_onec')),
      radio('value', t('conflicts.take_value')),
      field(t('conflicts.value'), value)),
    field(t('conflicts.comment'), comment),
    error,
    h('button', {type: 'submit', id: `${prefix}-resolve`}, t('conflicts.resolve')));
  // Typing a value means choosing to type one.
  value.addEventListener('input', () => {
    document.getElementById(`${prefix}-take-value`).checked = true;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const take = form.querySelector(`input[name="${prefix}-take"]:checked`)?.value;
    if (!take) {
      error.textContent = t('conflicts.pick');
      return;
    }
    const body = take === 'value' ? {value: value.value} : {take};
    if (comment.value.trim()) body.comment = comment.value.trim();
    try {
      await api('POST', `/conflicts/${encodeURIComponent(item.id)}/resolve`, body);
      announce(t('conflicts.resolved', {id: item.id}));
      await reload();
    } catch (e) {
      error.textContent = e.message;
      (e.field === 'comment' ? comment : e.field === 'value' ? value : form.querySelector('input'))?.focus();
    }
  });
  return form;
}

function fieldBlock(item, reload) {
  return h('div', {class: 'disputed', id: `conflict-${item.id}`},
    h('h3', {}, item.field),
    h('dl', {class: 'sides'},
      valueCell(t('conflicts.base'), item.base, null),
      valueCell(t('conflicts.crm'), item.crm, item.crm_changed_at),
      valueCell(t('conflicts.onec'), item.onec, item.onec_changed_at)),
    item.status === 'open'
      ? resolveForm(item, reload)
      : h('p', {class: 'decided'}, t('conflicts.decided', {by: item.decided_by || '—'}),
        item.comment ? ` — ${item.comment}` : ''));
}

function recordCard(items, reload) {
  const first = items[0];
  const headingId = `record-${first.id}`;
  return h('article', {class: 'card conflict-card', 'aria-labelledby': headingId},
    h('h2', {id: headingId}, t('conflicts.record', {entity: entityName(first.entity), crm_key: first.crm_key ?? ''})),
    h('p', {class: 'muted'}, t('conflicts.onec_key', {key: first.onec_key ?? ''})),
    items.map((item) => fieldBlock(item, reload)));
}

function bulkForm(items, reload) {
  const open = items.filter((item) => item.status === 'open');
  const fields = [...new Set(open.map((item) => item.field))];
  const fieldSelect = select('bulk-field',
    [['', t('conflicts.bulk_field.any')], ...fields.map((f) => [f, f])], '');
  const take = select('bulk-take', [['crm', t('conflicts.take_crm')], ['onec', t('conflicts.take_onec')]], 'crm');
  const comment = h('input', {type: 'text', id: 'bulk-comment', name: 'comment'});
  const matching = () => open.filter((item) => !fieldSelect.value || item.field === fieldSelect.value);
  const apply = h('button', {type: 'submit', id: 'bulk-apply'}, '');
  const error = h('p', {class: 'form-error', role: 'alert'});
  const refresh = () => {
    apply.textContent = t('conflicts.bulk_apply', {count: matching().length});
    apply.disabled = matching().length === 0;
  };
  fieldSelect.addEventListener('change', refresh);
  refresh();
  const form = h('form', {class: 'filters bulk', 'aria-labelledby': 'bulk-heading'},
    h('h2', {id: 'bulk-heading'}, t('conflicts.bulk')),
    field(t('conflicts.bulk_field'), fieldSelect),
    field(t('conflicts.bulk_take'), take),
    field(t('conflicts.comment'), comment),
    h('div', {class: 'actions'}, apply),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let done = 0;
    try {
      for (const item of matching()) {
        const body = {take: take.value};
        if (comment.value.trim()) body.comment = comment.value.trim();
        await api('POST', `/conflicts/${encodeURIComponent(item.id)}/resolve`, body);
        ++done;
      }
    } catch (e) {
      error.textContent = e.message;
    }
    announce(t('conflicts.bulk_done', {count: done}));
    await reload();
  });
  return open.length > 0 ? form : null;
}

function filterForm(status, entity, entities, navigate) {
  const statusSelect = select('conflicts-status',
    STATUSES.map((s) => [s, t(`conflicts.status.${s}`)]), status);
  const entitySelect = select('conflicts-entity',
    [['', t('conflicts.entity.any')], ...entities.map((e) => [e, entityName(e)])], entity);
  const form = h('form', {class: 'filters', 'aria-label': t('conflicts.filters')},
    field(t('conflicts.status'), statusSelect),
    field(t('conflicts.entity'), entitySelect),
    h('div', {class: 'actions'}, h('button', {type: 'submit', id: 'conflicts-show'}, t('conflicts.show'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams({status: statusSelect.value});
    if (entitySelect.value) params.set('entity', entitySelect.value);
    navigate(`#/conflicts?${params}`);
  });
  return form;
}

export async function render({query, navigate}) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'open';
  const entity = query.get('entity') ?? '';
  const page = h('section', {class: 'page page-conflicts'});
  const reload = async () => {
    const {items} = await api('GET', withQuery('/conflicts', {status, entity}));
    const entities = [...new Set(['counterparty', 'order', ...items.map((i) => i.entity), entity].filter(Boolean))];
    page.replaceChildren(
      h('h1', {tabindex: '-1'}, t('conflicts.title')),
      filterForm(status, entity, entities, navigate),
      bulkForm(items, reload) ?? '',
      items.length === 0
        ? h('p', {class: 'empty', id: 'conflicts-empty'}, t('conflicts.none'))
        : h('div', {class: 'cards'}, byRecord(items).map((group) => recordCard(group, reload))));
  };
  await reload();
  return page;
}
