// One order: its header, its lines, and its story (the journal rows about it) as a timeline.
import {api} from '../api.js';
import {h} from '../dom.js';
import {asObject, entityName, formatDate, formatDecimal, formatTime, showValue, stateBadge} from '../format.js';
import {t, tOr} from '../i18n.js';

function header(order) {
  const rows = [
    ['col.crm_number', order.crm_number],
    ['col.onec_number', order.onec_number],
    ['col.date', formatDate(order.date)],
    ['col.counterparty', order.counterparty],
    ['col.inn', order.inn],
    ['col.total', formatDecimal(order.total)],
    ['col.onec_status', order.onec_status],
  ];
  return h('section', {class: 'card', 'aria-labelledby': 'order-header'},
    h('h2', {id: 'order-header'}, t('order.header')),
    h('dl', {class: 'pairs'},
      rows.map(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value ?? '')]),
      h('dt', {}, t('col.state')), h('dd', {}, stateBadge(order.state))));
}

function lines(order) {
  return h('section', {class: 'card', 'aria-labelledby': 'order-lines'},
    h('h2', {id: 'order-lines'}, t('order.lines')),
    h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'order-lines-table'},
      h('thead', {}, h('tr', {},
        ['col.product', 'col.quantity', 'col.price', 'col.sum'].map((key) =>
          h('th', {scope: 'col'}, t(key))))),
      h('tbody', {}, (order.lines ?? []).map((line) => h('tr', {},
        h('th', {scope: 'row'}, line.product ?? ''),
        h('td', {class: 'num'}, formatDecimal(line.quantity)),
        h('td', {class: 'num'}, formatDecimal(line.price)),
        h('td', {class: 'num'}, formatDecimal(line.sum))))))));
}

// What a journal row changed: one line per field, "before → after".
function changes(row) {
  const before = asObject(row.before);
  const after = asObject(row.after);
  const names = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  if (names.length === 0) return null;
  return h('ul', {class: 'changes'}, names.map((name) => h('li', {},
    h('span', {class: 'change-field'}, name), ': ',
    name in before ? [h('del', {}, showValue(before[name])), ' → '] : null,
    h('ins', {}, showValue(after[name])))));
}

export function storyItem(row) {
  const meta = [
    tOr('origin', row.origin),
    row.run ? t('story.run', {run: row.run}) : null,
    row.policy ? t('story.policy', {policy: row.policy}) : null,
    row.by ? t('story.by', {by: row.by}) : null,
  ].filter(Boolean).join(' · ');
  return h('li', {class: ['timeline-item', `op-${row.op}`]},
    h('p', {class: 'timeline-head'},
      h('time', {datetime: row.at}, formatTime(row.at)), ' ',
      h('strong', {}, `${entityName(row.entity)}: ${tOr('op', row.op)}`)),
    h('p', {class: 'timeline-meta'}, meta),
    changes(row));
}

export async function render({params}) {
  const {order, story} = await api('GET', `/orders/${encodeURIComponent(params.id)}`);
  const number = order.crm_number || order.onec_number || `#${order.id}`;
  return h('section', {class: 'page page-order'},
    h('p', {}, h('a', {href: '#/orders'}, `← ${t('order.back')}`)),
    h('h1', {tabindex: '-1'}, t('order.title', {number})),
    header(order),
    lines(order),
    h('section', {class: 'card', 'aria-labelledby': 'order-story'},
      h('h2', {id: 'order-story'}, t('order.story')),
      story.length === 0
        ? h('p', {class: 'empty'}, t('order.no_story'))
        : h('ol', {class: 'timeline', id: 'order-story-list'}, story.map(storyItem))));
}
