// Users (administrators only; for anyone else the server answers 403 and the shell says so).
import {api} from '../api.js';
import {h} from '../dom.js';
import {t} from '../i18n.js';

export async function render() {
  const {items} = await api('GET', '/users');
  return h('section', {class: 'page page-users'},
    h('h1', {tabindex: '-1'}, t('users.title')),
    h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'users-table'},
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, t('users.name')), h('th', {scope: 'col'}, t('users.role')))),
      h('tbody', {}, items.map((user) => h('tr', {},
        h('th', {scope: 'row'}, user.name), h('td', {}, t(`role.${user.role}`))))))));
}
