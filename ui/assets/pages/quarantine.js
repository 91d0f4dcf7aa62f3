// Quarantine: each record that could not be applied, with the reason, the file and line it
// came from and the record as received; replay applies it again under the current mapping.
import {api, withQuery} from '../api.js';
import {field, h, select} from '../dom.js';
import {entityName} from '../format.js';
import {t} from '../i18n.js';
import {announce} from '../status.js';

function rawRecord(record) {
  if (typeof record === 'string') {
    try {
      return JSON.stringify(JSON.parse(record), null, 2);
    } catch {
      return record;
    }
  }
  return JSON.stringify(record, null, 2);
}

function itemCard(item, reload) {
  const headingId = `quarantine-${item.id}`;
  const where = item.line ? `${item.file}:${item.line}` : item.file ?? '';
  const replay = h('button', {type: 'button', id: `quarantine-${item.id}-replay`},
    t('quarantine.replay'));
  const error = h('p', {class: 'form-error', role: 'alert'});
  replay.addEventListener('click', async () => {
    replay.disabled = true;
    error.textContent = '';
    try {
      const outcome = await api('POST', `/quarantine/${encodeURIComponent(item.id)}/replay`);
      if (outcome.applied) {
        announce(t('quarantine.replayed', {id: item.id}));
        await reload();
      } else {
        // The entry stays open: say why beside it, and let the person try again later.
        error.textContent = t('quarantine.refused', {id: item.id, reason: outcome.reason});
        replay.disabled = false;
      }
    } catch (e) {
      error.textContent = e.message;
      replay.disabled = false;
    }
  });
  return h('article', {class: 'card', 'aria-labelledby': headingId},
    h('h2', {id: headingId}, t('quarantine.item', {entity: entityName(item.entity), key: item.onec_key ?? ''})),
    h('dl', {class: 'pairs'},
      h('dt', {}, t('quarantine.reason')), h('dd', {class: 'reason'}, item.reason ?? ''),
      h('dt', {}, t('quarantine.where')), h('dd', {}, h('code', {}, where))),
    h('details', {},
      h('summary', {}, t('quarantine.record')),
      h('pre', {class: 'raw'}, rawRecord(item.record))),
    item.status === 'open' || item.status === undefined ? replay : h('p', {class: 'muted'}, item.status),
    error);
}

export async function render({query, navigate}) {
  const status = query.get('status') === 'all' ? 'all' : 'open';
  const page = h('section', {class: 'page page-quarantine'});
  const statusSelect = select('quarantine-status',
    [['open', t('quarantine.status.open')], ['all', t('quarantine.status.all')]], status);
  const filters = h('form', {class: 'filters', 'aria-label': t('quarantine.status')},
    field(t('quarantine.status'), statusSelect),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, t('quarantine.show'))));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`#/quarantine?status=${statusSelect.value}`);
  });
  const reload = async () => {
    const {items} = await api('GET', withQuery('/quarantine', {status}));
    page.replaceChildren(
      h('h1', {tabindex: '-1'}, t('quarantine.title')),
      filters,
      items.length === 0
        ? h('p', {class: 'empty'}, t('quarantine.none'))
        : h('div', {class: 'cards'}, items.map((item) => itemCard(item, reload))));
  };
  await reload();
  return page;
}
