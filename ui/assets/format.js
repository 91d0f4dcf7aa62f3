// How values from the API are shown: times in the user's language, decimals kept exact (they
// arrive as text and are only regrouped), sync states as a badge with words, not colour only.
import {h} from './dom.js';
import {lang, t, tOr} from './i18n.js';

function locale() {
  return lang() === 'ru' ? 'ru-RU' : 'en-GB';
}

// '2026-12-01T10:30:00.000Z' → '01.12.2026, 10:30:00' (ru); '' stays ''; unparsable stays as is.
export function formatTime(text) {
  if (!text) return '';
  const normalized = /Z$|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
  const at = new Date(normalized);
  if (Number.isNaN(at.getTime())) return text;
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC'})
    .format(at) + ' UTC';
}

export function formatDate(text) {
  if (!text) return '';
  const day = /^(\d{4})-(\d\d)-(\d\d)/.exec(text);
  if (!day) return text;
  return lang() === 'ru' ? `${day[3]}.${day[2]}.${day[1]}` : `${day[1]}-${day[2]}-${day[3]}`;
}

// '1234567.50' → '1 234 567,50' (ru) or '1,234,567.50' (en), without going through a float.
export function formatDecimal(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const parts = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!parts) return text;
  const [, sign, whole, fraction] = parts;
  const group = lang() === 'ru' ? '\u202f' : ',';
  const point = lang() === 'ru' ? ',' : '.';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return sign + grouped + (fraction ? point + fraction : '');
}

const STATE_MARKS = {in_1c: '✓', waiting: '…', error: '!', conflict: '⇄'};

export function stateBadge(state) {
  return h('span', {class: ['badge', `badge-${state}`]},
    h('span', {class: 'badge-mark', 'aria-hidden': 'true'}, STATE_MARKS[state] ?? '•'),
    tOr('state', state));
}

export function runStatusBadge(status) {
  const kind = {succeeded: 'in_1c', failed: 'error', running: 'waiting'}[status] ?? 'waiting';
  return h('span', {class: ['badge', `badge-${kind}`]}, tOr('runs.status', status));
}

// A journal before/after value as shown: objects as "field: value" pairs, text as is.
export function asObject(value) {
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? parsed : {value: parsed};
    } catch {
      return {value};
    }
  }
  return typeof value === 'object' ? value : {value};
}

export function showValue(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value) === '' ? '«»' : String(value);
}

export function entityName(entity) {
  return tOr('entity', entity);
}

export function errorText(error) {
  return t('app.error', {message: error.message});
}
