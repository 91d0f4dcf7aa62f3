// Jobs and runs: the service's health, the daemon's [job.NAME] jobs (admins only: next fires,
// lease, last run, run now), the run log as a timeline with each run's counts, and the outbox
// to 1C (pending and dead messages, with retry).
import {api, withQuery} from '../api.js';
import {field, h, select} from '../dom.js';
import {entityName, formatTime, runStatusBadge, showValue} from '../format.js';
import {t} from '../i18n.js';
import {isAdmin} from '../session.js';
import {announce} from '../status.js';

const COUNTS = ['read', 'inserted', 'updated', 'unchanged', 'deactivated', 'quarantined'];

// The run's counts, whether the server nests them under "counts" or puts them on the run.
function countsOf(run) {
  const source = run.counts ?? run;
  return COUNTS.map((name) => [name, source[name] ?? 0]);
}

function runItem(run) {
  return h('li', {class: ['timeline-item', `run-${run.status}`], id: `run-${run.id}`},
    h('p', {class: 'timeline-head'},
      h('strong', {}, t('runs.run', {id: run.id, kind: run.kind})), ' ', runStatusBadge(run.status)),
    h('p', {class: 'timeline-meta'},
      h('time', {datetime: run.started_at}, t('runs.started', {at: formatTime(run.started_at)})),
      run.finished_at ? [' · ', h('time', {datetime: run.finished_at},
        t('runs.finished', {at: formatTime(run.finished_at)}))] : null,
      run.input ? [' · ', h('code', {}, run.input)] : null),
    h('dl', {class: 'counts'}, countsOf(run).map(([name, value]) =>
      h('div', {}, h('dt', {}, t(`count.${name}`)), h('dd', {}, String(value))))),
    run.error ? h('p', {class: 'form-error'}, run.error) : null);
}

// {database: 'ok' | 'unavailable: …', entities: [{entity, last_run_at, lag_seconds}]}
function healthCard(health) {
  const entities = health?.entities ?? [];
  return h('section', {class: 'card', 'aria-labelledby': 'health-heading'},
    h('h2', {id: 'health-heading'}, t('runs.health')),
    h('dl', {class: 'pairs'},
      h('dt', {}, t('health.database')),
      h('dd', {}, health?.database === 'ok'
        ? h('span', {class: ['badge', 'badge-in_1c']}, t('health.ok'))
        : h('span', {class: ['badge', 'badge-error']}, health?.database ?? '?'))),
    entities.length === 0 ? null : h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'health-table'},
      h('thead', {}, h('tr', {},
        ['health.entity', 'health.last_change', 'health.lag'].map((key) => h('th', {scope: 'col'}, t(key))))),
      h('tbody', {}, entities.map((e) => h('tr', {},
        h('th', {scope: 'row'}, entityName(e.entity)),
        h('td', {}, formatTime(e.last_run_at)),
        h('td', {class: 'num'}, e.lag_seconds === null || e.lag_seconds === undefined ? '—'
          : t('health.seconds', {n: e.lag_seconds}))))))));
}

function jobRow(job, reload) {
  const run = h('button', {type: 'button', id: `job-${job.name}-trigger`, class: 'secondary'},
    t('jobs.trigger'));
  run.addEventListener('click', async () => {
    run.disabled = true;
    try {
      await api('POST', `/jobs/${encodeURIComponent(job.name)}/trigger`);
      announce(t('jobs.triggered', {name: job.name}));
      await reload();
    } catch (e) {
      announce(e.message, 'error');
    }
    run.disabled = false;
  });
  const last = job.last_run;
  const when = [job.schedule ? h('code', {}, job.schedule) : null,
    job.on_crm_change.length > 0 ? h('span', {}, t('jobs.on_change', {tables: job.on_crm_change.join(', ')})) : null]
    .filter(Boolean);
  return h('tr', {id: `job-${job.name}`},
    h('th', {scope: 'row'}, job.name),
    h('td', {}, job.action, job.entities.length > 0 ? [' (', job.entities.join(', '), ')'] : null),
    h('td', {}, when.length > 0 ? when.flatMap((part, i) => (i === 0 ? [part] : [' · ', part])) : '—'),
    h('td', {}, job.next_fires.length > 0
      ? h('time', {datetime: job.next_fires[0]}, formatTime(job.next_fires[0])) : '—'),
    h('td', {}, !job.lease ? '—' : job.lease.holder
      ? t('jobs.lease', {holder: job.lease.holder, epoch: job.lease.epoch})
      : t('jobs.free', {epoch: job.lease.epoch})),
    h('td', {class: 'job-last-run'}, last
      ? [runStatusBadge(last.status), ' ', h('time', {datetime: last.started_at}, formatTime(last.started_at))]
      : t('jobs.never')),
    h('td', {}, run));
}

// The jobs are the admin's: null for anyone else.
async function jobsSection() {
  if (!isAdmin()) return null;
  const section = h('section', {class: 'card', 'aria-labelledby': 'jobs-heading'});
  const reload = async () => {
    const {items} = await api('GET', '/jobs');
    section.replaceChildren(
      h('h2', {id: 'jobs-heading'}, t('jobs.title')),
      items.length === 0 ? h('p', {class: 'empty'}, t('jobs.none')) :
      h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'jobs-table'},
        h('thead', {}, h('tr', {},
          ['jobs.name', 'jobs.action', 'jobs.when', 'jobs.next', 'jobs.holder', 'jobs.last', 'jobs.trigger']
            .map((key) => h('th', {scope: 'col'}, t(key))))),
        h('tbody', {}, items.map((job) => jobRow(job, reload))))));
  };
  await reload();
  return section;
}

function outboxRow(message, reload) {
  const retry = h('button', {type: 'button', id: `outbox-${message.id}-retry`, class: 'secondary'},
    t('outbox.retry'));
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    try {
      await api('POST', `/outbox/${encodeURIComponent(message.id)}/retry`);
      announce(t('outbox.retried', {id: message.id}));
      await reload();
    } catch (e) {
      announce(e.message, 'error');
      retry.disabled = false;
    }
  });
  const details = Object.entries(message).filter(([name]) => name !== 'id');
  return h('tr', {},
    h('th', {scope: 'row'}, String(message.id)),
    h('td', {}, h('dl', {class: 'inline-pairs'}, details.map(([name, value]) =>
      h('div', {}, h('dt', {}, name), h('dd', {}, showValue(value)))))),
    h('td', {}, retry));
}

async function outboxSection(state, navigate) {
  const section = h('section', {class: 'card', 'aria-labelledby': 'outbox-heading'});
  const stateSelect = select('outbox-state',
    ['pending', 'dead', 'all'].map((s) => [s, t(`outbox.state.${s}`)]), state);
  const filters = h('form', {class: 'filters', 'aria-label': t('outbox.state')},
    field(t('outbox.state'), stateSelect),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, t('outbox.show'))));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`#/runs?outbox=${stateSelect.value}`);
  });
  const reload = async () => {
    const {items} = await api('GET', withQuery('/outbox', {state}));
    section.replaceChildren(
      h('h2', {id: 'outbox-heading'}, t('outbox.title')),
      filters,
      items.length === 0 ? h('p', {class: 'empty'}, t('outbox.none')) :
        h('div', {class: 'table-wrap'}, h('table', {class: 'data'},
          h('thead', {}, h('tr', {},
            h('th', {scope: 'col'}, '#'), h('th', {scope: 'col'}, t('outbox.title')),
            h('th', {scope: 'col'}, t('outbox.retry')))),
          h('tbody', {}, items.map((message) => outboxRow(message, reload))))));
  };
  await reload();
  return section;
}

export async function render({query, navigate}) {
  const outboxState = ['pending', 'dead', 'all'].includes(query.get('outbox')) ? query.get('outbox') : 'dead';
  const [health, jobs, runs, outbox] = await Promise.all([
    api('GET', '/health'),
    jobsSection(),
    api('GET', withQuery('/runs', {limit: 50})),
    outboxSection(outboxState, navigate),
  ]);
  return h('section', {class: 'page page-runs'},
    h('h1', {tabindex: '-1'}, t('runs.title')),
    healthCard(health),
    jobs,
    h('section', {class: 'card', 'aria-labelledby': 'runs-heading'},
      h('h2', {id: 'runs-heading'}, t('runs.timeline')),
      runs.items.length === 0
        ? h('p', {class: 'empty'}, t('runs.none'))
        : h('ol', {class: 'timeline', id: 'runs-list'}, runs.items.map(runItem))),
    outbox);
}
