// Orders: search by number, counterparty or INN, filter by sync state and date; the filters
// live in the hash (#/orders?q=…&state=…) so a search can be bookmarked and survives reload.
import {api, withQuery} from '../api.js';
import {field, h, select} from '../dom.js';
import {formatDate, formatDecimal, stateBadge} from '../format.js';
import {t} from '../i18n.js';

const FILTERS = ['q', 'state', 'from', 'to'];
const STATES = ['in_1c', 'waiting', 'error', 'conflict'];
const PAGE_SIZE = 50;

function filterForm(query, navigate) {
  const q = h('input', {id: 'orders-q', name: 'q', type: 'search', value: query.get('q') ?? ''});
  const state = select('orders-state',
    [['', t('state.any')], ...STATES.map((s) => [s, t(`state.${s}`)])], query.get('state') ?? '');
  const from = h('input', {id: 'orders-from', name: 'from', type: 'date', value: query.get('from') ?? ''});
  const to = h('input', {id: 'orders-to', name: 'to', type: 'date', value: query.get('to') ?? ''});
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': t('orders.filters')},
    field(t('orders.q'), q),
    field(t('orders.state'), state),
    field(t('orders.from'), from),
    field(t('orders.to'), to),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', id: 'orders-search'}, t('orders.search')),
      h('button', {type: 'button', class: 'secondary', onclick: () => navigate('#/orders')},
        t('orders.reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, input] of [['q', q], ['state', state], ['from', from], ['to', to]]) {
      if (input.value.trim()) params.set(name, input.value.trim());
    }
    const text = params.toString();
    navigate(text ? `#/orders?${text}` : '#/orders');
  });
  return form;
}

function orderRow(item) {
  const label = item.crm_number || item.onec_number || `#${item.id}`;
  return h('tr', {},
    h('th', {scope: 'row'}, h('a', {href: `#/orders/${encodeURIComponent(item.id)}`}, label)),
    h('td', {}, item.onec_number ?? ''),
    h('td', {}, formatDate(item.date)),
    h('td', {}, item.counterparty ?? ''),
    h('td', {}, item.inn ?? ''),
    h('td', {class: 'num'}, formatDecimal(item.total)),
    h('td', {}, item.onec_status ?? ''),
    h('td', {}, stateBadge(item.state)));
}

function ordersTable() {
  const body = h('tbody', {});
  const caption = h('caption', {});
  const table = h('table', {class: 'data', id: 'orders-table'},
    caption,
    h('thead', {}, h('tr', {},
      ['col.crm_number', 'col.onec_number', 'col.date', 'col.counterparty', 'col.inn', 'col.total',
        'col.onec_status', 'col.state'].map((key) => h('th', {scope: 'col'}, t(key))))),
    body);
  return {table, body, caption};
}

export async function render({query, navigate}) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
  const {table, body, caption} = ordersTable();
  const more = h('button', {type: 'button', id: 'orders-more', class: 'secondary', hidden: true},
    t('app.more'));
  const empty = h('p', {class: 'empty', hidden: true}, t('app.empty'));
  let shown = 0;
  let cursor = '';
  async function load() {
    const page = await api('GET', withQuery('/orders', {...filters, limit: PAGE_SIZE, cursor}));
    for (const item of page.items) body.append(orderRow(item));
    shown += page.items.length;
    cursor = page.next_cursor ?? '';
    caption.textContent = t('orders.caption', {count: shown});
    more.hidden = !cursor;
    empty.hidden = shown > 0;
  }
  more.addEventListener('click', () => load().catch((e) => { more.textContent = e.message; }));
  await load();
  return h('section', {class: 'page page-orders'},
    h('h1', {tabindex: '-1'}, t('orders.title')),
    filterForm(query, navigate),
    h('div', {class: 'table-wrap'}, table),
    empty,
    more);
}
