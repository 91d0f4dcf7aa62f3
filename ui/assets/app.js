// The single-page shell: the router by location.hash, the navigation (admin entries only for
// admins; the server enforces the same with 403), the language switch and the session.
import {setUnauthorizedHandler} from './api.js';
import {clear, h} from './dom.js';
import {errorText} from './format.js';
import {lang, setLang, t} from './i18n.js';
import {currentUser, forget, isAdmin, loadSession, signOut} from './session.js';
import {announce} from './status.js';
import * as conflicts from './pages/conflicts.js';
import * as mappings from './pages/mappings.js';
import * as order from './pages/order.js';
import * as orders from './pages/orders.js';
import * as quarantine from './pages/quarantine.js';
import * as runs from './pages/runs.js';
import * as signin from './pages/signin.js';
import * as users from './pages/users.js';

// Route patterns by the hash's path; :id segments become params.
const ROUTES = [
  {path: 'signin', page: signin, open: true},
  {path: 'orders', page: orders, nav: 'nav.orders'},
  {path: 'orders/:id', page: order},
  {path: 'conflicts', page: conflicts, nav: 'nav.conflicts'},
  {path: 'quarantine', page: quarantine, nav: 'nav.quarantine'},
  {path: 'runs', page: runs, nav: 'nav.runs'},
  {path: 'users', page: users, nav: 'nav.users', admin: true},
  {path: 'mappings', page: mappings, nav: 'nav.mappings', admin: true},
  {path: 'mappings/:name', page: mappings, admin: true},
];

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  return {path: path || 'orders', query: new URLSearchParams(query)};
}

function match(path) {
  const parts = path.split('/');
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return {route, params};
  }
  return null;
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function renderChrome(activePath) {
  document.documentElement.lang = lang();
  document.getElementById('skip-link').textContent = t('app.skip');
  document.getElementById('lang-label').textContent = t('app.lang');
  document.getElementById('lang').value = lang();
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('app.nav'));
  clear(nav);
  const user = currentUser();
  if (user) {
    const top = activePath.split('/')[0];
    nav.append(h('ul', {},
      ROUTES.filter((r) => r.nav && (!r.admin || isAdmin())).map((r) =>
        h('li', {}, h('a', {href: `#/${r.path}`, 'aria-current': r.path === top ? 'page' : null},
          t(r.nav))))));
  }
  const who = clear(document.getElementById('whoami'));
  if (user) {
    who.append(
      h('span', {class: 'who'}, t('app.signed_in_as', {name: user.name, role: t(`role.${user.role}`)})),
      h('button', {type: 'button', id: 'sign-out', onclick: onSignOut}, t('app.sign_out')));
  }
}

async function onSignOut() {
  await signOut().catch(() => forget());
  navigate('#/signin?signed_out=1');
}

let renderCount = 0;

export async function render() {
  const mine = ++renderCount;
  const {path, query} = parseHash();
  const found = match(path);
  const main = document.getElementById('main');
  if (found && !found.route.open && !currentUser()) {
    navigate(`#/signin?next=${encodeURIComponent(location.hash || '#/orders')}`);
    return;
  }
  renderChrome(path);
  clear(main);
  if (!found) {
    main.append(h('h1', {tabindex: '-1'}, t('app.not_found')));
    return;
  }
  main.setAttribute('aria-busy', 'true');
  main.append(h('p', {class: 'loading'}, t('app.loading')));
  try {
    const content = await found.route.page.render({params: found.params, query, navigate});
    if (mine !== renderCount) return;  // the user went elsewhere meanwhile
    clear(main).append(content);
  } catch (e) {
    if (mine !== renderCount) return;
    clear(main).append(h('h1', {tabindex: '-1'}, e.status === 403 ? t('app.forbidden') : errorText(e)));
  } finally {
    if (mine === renderCount) main.removeAttribute('aria-busy');
  }
  // Move focus to the new page's heading so keyboard and screen-reader users start there.
  main.querySelector('h1')?.focus();
}

async function start() {
  setUnauthorizedHandler(() => {
    forget();
    navigate(`#/signin?next=${encodeURIComponent(location.hash)}`);
  });
  document.getElementById('lang').addEventListener('change', (event) => {
    setLang(event.target.value);
    render();
  });
  window.addEventListener('hashchange', () => {
    announce('');
    render();
  });
  setLang(lang());
  try {
    await loadSession();
  } catch (e) {
    announce(errorText(e), 'error');
  }
  render();
}

start();
