// The web UI end to end: headless Chromium against a real `crmsync serve` on loopback, fed by
// the OData 1C emulator (run.sh starts both and passes their addresses in the environment).
// Every page is opened with the server's CSP enforced; any console error, page error or CSP
// violation fails the scenario it happened in. Screenshots of each page go to the screenshot
// directory.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {chromium} from 'playwright-core';

import {CrmDatabase, quote} from './lib/crm_db.mjs';
import {PageGuard} from './lib/guard.mjs';
import {COUNTERPARTIES, ORDERS, OneC, refKey} from './lib/onec.mjs';
import {Screenshots, accessibilityProblems, signInWithKeyboard, waitFor} from './lib/pages.mjs';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run tests/browser/run.sh)`);
  return value;
}

const base = env('CRMSYNC_UI_URL');
const accountant = {name: env('CRMSYNC_UI_ACCOUNTANT'), password: env('CRMSYNC_UI_ACCOUNTANT_PASSWORD')};
const admin = {name: env('CRMSYNC_UI_ADMIN'), password: env('CRMSYNC_UI_ADMIN_PASSWORD')};
const crm = new CrmDatabase(env('CRMSYNC_UI_DB_URL'));
const onec = new OneC(env('CRMSYNC_UI_ONEC_URL'), env('CRMSYNC_UI_ONEC_USER'), env('CRMSYNC_ONEC_PASSWORD'));
// Long enough for two exchange ticks of the daemon.
const tickMs = Number(env('CRMSYNC_UI_INTERVAL_SECONDS')) * 1000 * 2 + 15000;
const mappingFile = env('CRMSYNC_UI_MAPPING_FILE');  // run.sh's copy, never a repository file
const fixtures = env('CRMSYNC_UI_FIXTURES');
const shots = new Screenshots(env('CRMSYNC_SCREENSHOT_DIR'), env('CRMSYNC_UI_PASS'));

let browser;
const guard = new PageGuard();

async function newSignedInPage(user) {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: 'ru-RU'});
  await guard.attach(context);
  const page = await context.newPage();
  guard.allow(401, '/api/v1/session');  // no session yet when the app starts
  await signInWithKeyboard(page, base, user.name, user.password);
  guard.disallow(401, '/api/v1/session');
  return page;
}

function assertClean(what) {
  assert.deepEqual(guard.take(), [], `${what}: console errors, page errors or CSP violations`);
}

async function assertAccessible(page, what) {
  assert.deepEqual(await accessibilityProblems(page), [], `${what}: accessibility`);
}

before(async () => {
  browser = await chromium.launch({executablePath: env('CRMSYNC_CHROMIUM'), headless: true});
});

after(async () => {
  await browser?.close();
});

describe('web UI', {concurrency: false}, () => {
  let page;  // the accountant's

  it('serves the pages and the API with the CSP', async () => {
    for (const url of [`${base}/`, `${base}/assets/app.js`, `${base}/api/v1/health`]) {
      const response = await fetch(url);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/, url);
      assert.match(csp, /style-src 'self'/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
    }
  });

  it('refuses a wrong password with the server message beside the field', async () => {
    const context = await browser.newContext({locale: 'ru-RU'});
    await guard.attach(context);
    const signin = await context.newPage();
    guard.allow(401, '/api/v1/session');
    await signin.goto(`${base}/#/signin`);
    await signin.getByLabel('Имя пользователя').fill(accountant.name);
    await signin.getByLabel('Пароль').fill(`${accountant.password}-wrong`);
    await signin.getByRole('button', {name: 'Войти'}).click();
    const error = signin.locator('#signin-error');
    await error.filter({hasText: /\S/}).waitFor();
    assert.equal(await signin.getByLabel('Пароль').getAttribute('aria-invalid'), 'true');
    await assertAccessible(signin, 'sign-in page');
    await shots.take(signin, 'signin-refused');
    guard.disallow(401, '/api/v1/session');
    await context.close();
    assertClean('sign-in');
  });

  it('catches a CSP violation on a page (the guard itself can fail)', async () => {
    const context = await browser.newContext();
    await guard.attach(context);
    const probe = await context.newPage();
    guard.allow(401, '/api/v1/session');
    await probe.goto(`${base}/#/signin`);
    await probe.getByRole('heading', {level: 1}).waitFor();
    await probe.evaluate(() => {
      const styled = document.createElement('p');
      styled.setAttribute('style', 'color: red');
      document.body.append(styled);
    });
    const seen = await waitFor('the CSP violation report', () =>
      guard.problems.some((p) => p.startsWith('CSP violation')) && guard.problems, 5000);
    assert.ok(seen.some((p) => /style-src/.test(p)), seen.join('\n'));
    guard.disallow(401, '/api/v1/session');
    await context.close();
    guard.take();
  });

  it('an accountant signs in with the keyboard and finds an order by its 1C number', async () => {
    page = await newSignedInPage(accountant);
    await assertAccessible(page, 'orders page');
    await shots.take(page, 'orders');
    await waitFor('the daemon\'s first pull', () => Number(crm.value('SELECT COUNT(*) FROM sales_order')) > 0, tickMs);
    const number = crm.value("SELECT onec_number FROM sales_order WHERE onec_number <> '' ORDER BY onec_number LIMIT 1 OFFSET 2");
    assert.ok(number, 'the daemon pulled orders from 1C');
    await page.getByLabel('Номер, контрагент или ИНН').fill(number);
    await page.getByRole('button', {name: 'Найти'}).click();
    await page.waitForURL(/#\/orders\?q=/);
    const rows = page.locator('#orders-table tbody tr');
    await waitFor('one order row', async () => (await rows.count()) === 1, 10000);
    assert.match(await rows.first().textContent(), new RegExp(number));
    assert.ok(await rows.first().locator('.badge').textContent(), 'a sync-state badge with text');
    await shots.take(page, 'orders-search');

    await rows.first().getByRole('link').click();
    await page.getByRole('heading', {level: 1, name: new RegExp(number.replace(/[-]/g, '\\-'))}).waitFor();
    assert.equal(await page.locator('#order-lines-table tbody tr').count(), 2, 'the emulator gives each order 2 lines');
    const story = page.locator('#order-story-list li');
    assert.ok((await story.count()) >= 1, 'the story has the import');
    assert.match(await story.first().textContent(), /создан/);
    await assertAccessible(page, 'order page');
    await shots.take(page, 'order-story');
    assertClean('orders');
  });

  it('the accountant resolves a conflict and both the CRM and 1C get the chosen value', async () => {
    const key = refKey('counterparty', 1);
    const id = crm.value(`SELECT crm_id FROM binding WHERE entity = 'counterparty' AND onec_key = ${quote(key)}`);
    assert.ok(id, 'counterparty 1 came from 1C');
    // Both sides change the ИНН (policy manual) between two exchanges.
    crm.execute(`UPDATE counterparty SET inn = '7711111111' WHERE id = ${id}`);
    await onec.patch(COUNTERPARTIES, key, {'ИНН': '7722222222'});
    const conflictId = await waitFor('the manual conflict', () => crm.value(
      `SELECT id FROM conflict WHERE status = 'open' AND field = 'inn' AND crm_id = ${id}`), tickMs);

    await page.getByRole('link', {name: 'Конфликты'}).click();
    const block = page.locator(`#conflict-${conflictId}`);
    await block.waitFor();
    const text = await block.textContent();
    for (const value of ['7711111111', '7722222222']) assert.ok(text.includes(value), `${value} in ${text}`);
    await assertAccessible(page, 'conflicts page');
    await shots.take(page, 'conflicts');

    await block.getByLabel('Значение', {exact: true}).fill('7799999999');
    assert.ok(await block.getByLabel('Ввести своё значение').isChecked(), 'typing a value chooses it');
    await block.getByLabel('Комментарий').fill('ИНН из договора');
    await block.getByRole('button', {name: 'Решить'}).click();
    await page.getByRole('status').getByText(`Конфликт ${conflictId} решён`).waitFor();
    await block.waitFor({state: 'detached'});
    await shots.take(page, 'conflicts-resolved');

    assert.equal(crm.value(`SELECT inn FROM counterparty WHERE id = ${id}`), '7799999999');
    assert.equal(crm.value(`SELECT resolved_by FROM conflict WHERE id = ${conflictId}`), accountant.name);
    await waitFor('1C to get the chosen ИНН', async () =>
      (await onec.get(COUNTERPARTIES, key))['ИНН'] === '7799999999', tickMs);
    assertClean('conflicts');
  });

  it('the accountant resolves every matching conflict at once, taking 1C\'s values', async () => {
    const keys = [refKey('counterparty', 2), refKey('counterparty', 3)];
    const ids = keys.map((key) =>
      crm.value(`SELECT crm_id FROM binding WHERE entity = 'counterparty' AND onec_key = ${quote(key)}`));
    for (const [n, key] of keys.entries()) {
      crm.execute(`UPDATE counterparty SET inn = '771000000${n}' WHERE id = ${ids[n]}`);
      await onec.patch(COUNTERPARTIES, key, {'ИНН': `772000000${n}`});
    }
    await waitFor('two open conflicts', () => Number(crm.value(
      `SELECT COUNT(*) FROM conflict WHERE status = 'open' AND field = 'inn' AND crm_id IN (${ids})`)) === 2, tickMs);
    await page.reload();
    await page.getByLabel('Поле', {exact: true}).selectOption('inn');
    await page.getByLabel('Чьё значение').selectOption('onec');
    await page.getByRole('button', {name: 'Решить отобранные (2)'}).click();
    await page.getByRole('status').getByText('Решено конфликтов: 2').waitFor();
    await page.locator('#conflicts-empty').waitFor();
    for (const [n, id] of ids.entries()) {
      assert.equal(crm.value(`SELECT inn FROM counterparty WHERE id = ${id}`), `772000000${n}`);
    }
    assertClean('bulk resolve');
  });

  it('a new run appears on the runs page with its counts', async () => {
    await page.getByRole('link', {name: 'Задания и запуски'}).click();
    await page.getByRole('heading', {level: 1, name: 'Задания и запуски'}).waitFor();
    const shownTop = Number((await page.locator('#runs-list li').first().getAttribute('id')).replace('run-', ''));
    const next = await waitFor('a run after the page was opened', () => crm.query(
      `SELECT id, kind, read_count FROM sync_run WHERE id > ${shownTop} AND finished_at IS NOT NULL ORDER BY id LIMIT 1`)[0],
    tickMs);
    await page.reload();
    const item = page.locator(`#run-${next[0]}`);
    await item.waitFor();
    const itemText = await item.textContent();
    assert.ok(itemText.includes(next[1]), `kind ${next[1]} in ${itemText}`);
    assert.equal(await item.locator('dt', {hasText: 'прочитано'}).locator('xpath=following-sibling::dd').textContent(), next[2]);
    await assertAccessible(page, 'runs page');
    await shots.take(page, 'runs');
    assertClean('runs');
  });

  it('a record 1C sends broken shows in quarantine until 1C fixes it', async () => {
    const key = refKey('order', 7);
    await onec.patch(ORDERS, key, {'СуммаДокумента': 'двенадцать'});
    const entryId = await waitFor('the quarantined order', () => crm.value(
      `SELECT id FROM quarantine WHERE onec_key = ${quote(key)} AND resolved_run_id IS NULL`), tickMs);
    await page.getByRole('link', {name: 'Карантин'}).click();
    await page.getByRole('heading', {level: 1, name: 'Карантин'}).waitFor();
    const card = page.locator(`article[aria-labelledby="quarantine-${entryId}"]`);
    await card.waitFor();
    assert.match(await card.locator('.reason').textContent(), /СуммаДокумента: invalid decimal 'двенадцать'/);
    await card.getByText('Запись как пришла').click();
    assert.match(await card.locator('pre.raw').textContent(), /"СуммаДокумента": "двенадцать"/);
    await assertAccessible(page, 'quarantine page');
    await shots.take(page, 'quarantine');
    // Replayed as received, the record is refused again: the card says why and stays.
    await card.getByRole('button', {name: 'Применить снова'}).click();
    await card.locator('.form-error', {hasText: 'снова не применена'}).waitFor();
    assert.match(await card.locator('.form-error').textContent(), /invalid decimal 'двенадцать'/);
    assert.equal(crm.value(`SELECT COUNT(*) FROM journal WHERE op = 'quarantine-replay' AND actor = ${quote(accountant.name)}`), '1');

    await onec.patch(ORDERS, key, {'СуммаДокумента': 1234.5});
    await waitFor('the entry to close', () => crm.value(
      `SELECT resolved_run_id FROM quarantine WHERE id = ${entryId}`), tickMs);
    await page.reload();
    await page.getByRole('heading', {level: 1, name: 'Карантин'}).waitFor();
    assert.equal(await card.count(), 0, 'a closed entry leaves the open list');
    assertClean('quarantine');
  });

  it('an accountant cannot reach the admin page or API', async () => {
    assert.equal(await page.getByRole('link', {name: 'Пользователи'}).count(), 0, 'no admin entry in the nav');
    guard.allow(403, '/api/v1/users');
    await page.goto(`${base}/#/users`);
    await page.getByRole('heading', {level: 1, name: 'Эта страница доступна только администратору'}).waitFor();
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/v1/users');
      return {status: response.status, body: await response.json()};
    });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, 'forbidden');
    await shots.take(page, 'users-forbidden');
    guard.disallow(403, '/api/v1/users');

    assert.equal(await page.getByRole('link', {name: 'Правила обмена'}).count(), 0, 'no mappings entry in the nav');
    guard.allow(403, '/api/v1/mappings');
    await page.goto(`${base}/#/mappings/catalog`);
    await page.getByRole('heading', {level: 1, name: 'Эта страница доступна только администратору'}).waitFor();
    const refused = await page.evaluate(async () => {
      const statuses = [];
      for (const [method, url] of [['GET', '/api/v1/mappings'], ['GET', '/api/v1/mappings/catalog/versions']]) {
        statuses.push((await fetch(url, {method})).status);
      }
      return statuses;
    });
    assert.deepEqual(refused, [403, 403]);
    await shots.take(page, 'mappings-forbidden');
    guard.disallow(403, '/api/v1/mappings');
    assertClean('admin page as accountant');
  });

  it('switches to English and remembers it', async () => {
    await page.getByRole('link', {name: 'Заказы'}).click();
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', {level: 1, name: 'Orders'}).waitFor();
    await page.reload();
    await page.getByRole('heading', {level: 1, name: 'Orders'}).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await shots.take(page, 'orders-english');
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', {level: 1, name: 'Заказы'}).waitFor();
    assertClean('language');
  });

  it('an admin sees the users page', async () => {
    const adminPage = await newSignedInPage(admin);
    await adminPage.getByRole('link', {name: 'Пользователи'}).click();
    const table = adminPage.locator('#users-table');
    await table.waitFor();
    const text = await table.textContent();
    assert.ok(text.includes(accountant.name) && text.includes(admin.name), text);
    await assertAccessible(adminPage, 'users page');
    await shots.take(adminPage, 'users');
    await adminPage.context().close();
    assertClean('admin');
  });

  it('an admin sees the jobs on the runs page and runs one now', async () => {
    const adminPage = await newSignedInPage(admin);
    await adminPage.getByRole('link', {name: 'Задания и запуски'}).click();
    const row = adminPage.locator('#job-cleanup');
    await row.waitFor();
    const text = await row.textContent();
    assert.ok(text.includes('retention') && text.includes('0 30 3 * * *'), text);
    assert.ok(text.includes('ещё не запускалось'), text);
    await row.getByRole('button', {name: 'Запустить сейчас'}).click();
    await adminPage.getByRole('status').getByText('Задание cleanup запустится в ближайшие секунды').waitFor();
    await waitFor('the triggered run', () => crm.query(
      "SELECT id FROM sync_run WHERE job = 'cleanup' AND status = 'succeeded'")[0], 20000);
    await adminPage.reload();
    await adminPage.locator('#job-cleanup .job-last-run', {hasText: 'успешно'}).waitFor();
    assert.equal(crm.value("SELECT actor FROM journal WHERE op = 'job-trigger' AND onec_key = 'cleanup'"), admin.name);
    await assertAccessible(adminPage, 'jobs');
    await shots.take(adminPage, 'jobs');
    await adminPage.context().close();
    assertClean('jobs');
  });

  it('an admin breaks a mapping, sees the error at its line, fixes, previews and saves it', async () => {
    const adminPage = await newSignedInPage(admin);
    const original = readFileSync(mappingFile, 'utf8');
    await adminPage.getByRole('link', {name: 'Правила обмена'}).click();
    await adminPage.locator('#mappings-table').waitFor();
    await assertAccessible(adminPage, 'mappings page');
    await shots.take(adminPage, 'mappings');
    await adminPage.getByRole('link', {name: 'CommerceML (каталог и заказы)'}).click();
    const text = adminPage.getByLabel('Текст правил (XML)');
    await text.waitFor();
    assert.equal(await text.inputValue(), original);
    const inForce = await adminPage.locator('#mapping-in-force').textContent();

    // Broken: a column the product table does not have.
    const brokenAt = original.indexOf('target="article"');
    assert.ok(brokenAt > 0);
    const line = original.slice(0, brokenAt).split('\n').length;
    await text.fill(original.replace('target="article"', 'target="artikul"'));
    await adminPage.getByRole('button', {name: 'Проверить'}).click();
    const problem = adminPage.locator('#mapping-problems li');
    await problem.first().waitFor();
    assert.equal(await problem.count(), 1);
    assert.match(await problem.first().textContent(), new RegExp(`Строка ${line}, позиция \\d+.*artikul`));
    const marked = adminPage.locator('.gutter .gutter-error');
    assert.equal(await marked.count(), 1);
    assert.equal((await marked.textContent()).trim(), String(line));
    await problem.first().getByRole('button').click();
    const caretLine = await text.evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
    assert.equal(caretLine, line, 'clicking the error puts the caret on its line');
    await assertAccessible(adminPage, 'mapping editor with an error');
    await shots.take(adminPage, 'mapping-error');

    // Fixed, with a visible edit to save.
    const fixed = original.replace('<field source="Артикул" target="article"/>',
      '<field source="Артикул" target="article"/> <!-- checked in the browser -->');
    assert.notEqual(fixed, original);
    await text.fill(fixed);
    await adminPage.getByRole('button', {name: 'Проверить'}).click();
    await adminPage.getByRole('status').getByText(/Ошибок нет/).waitFor();
    assert.equal(await marked.count(), 0);

    await adminPage.getByLabel('Файл выгрузки 1С для предпросмотра').setInputFiles(path.join(fixtures, 'commerceml', 'import.xml'));
    await adminPage.getByRole('button', {name: 'Предпросмотр', exact: true}).click();
    const preview = adminPage.locator('#mapping-preview-table');
    await preview.waitFor();
    const row = preview.locator('tbody tr', {hasText: 'article'}).first();
    assert.match(await row.textContent(), /СТ-1200|СТ-1600Р|КР-05/);
    assert.ok(await preview.locator('thead th', {hasText: 'Было'}).count() === 1);
    assert.ok(await preview.locator('thead th', {hasText: 'Станет'}).count() === 1);
    await assertAccessible(adminPage, 'mapping preview');
    await shots.take(adminPage, 'mapping-preview');

    await adminPage.getByLabel('Комментарий к версии').fill('артикул проверен');
    await adminPage.getByRole('button', {name: 'Сохранить новую версию'}).click();
    await adminPage.getByRole('status').getByText(/Сохранена версия 2/).waitFor();
    assert.equal(readFileSync(mappingFile, 'utf8'), fixed);
    const history = adminPage.locator('#mapping-history tbody tr');
    assert.equal(await history.count(), 2);
    assert.match(await history.first().textContent(), /артикул проверен/);
    assert.equal(crm.value("SELECT actor FROM journal WHERE op = 'mapping-save'"), admin.name);
    // The daemon's watcher takes the new file.
    await waitFor('the saved version in force', async () => {
      const now = await adminPage.evaluate(async () => (await (await fetch('/api/v1/mappings/catalog')).json()));
      return now.in_force === now.on_disk && now.in_force !== inForce.trim();
    }, 15000);
    await shots.take(adminPage, 'mapping-saved');

    await adminPage.getByRole('button', {name: 'Вернуть версию 1'}).click();
    await adminPage.getByRole('status').getByText('Версия 1 возвращена как версия 3').waitFor();
    assert.equal(readFileSync(mappingFile, 'utf8'), original);
    assert.equal(crm.value("SELECT actor FROM journal WHERE op = 'mapping-rollback'"), admin.name);
    await assertAccessible(adminPage, 'mapping history');
    await shots.take(adminPage, 'mapping-rolled-back');
    await adminPage.getByRole('button', {name: 'Выйти'}).click();
    await adminPage.getByRole('heading', {level: 1, name: 'Вход'}).waitFor();
    await adminPage.context().close();
    assertClean('admin');
  });
});
