// Helpers shared by the scenarios: signing in with the keyboard, waiting, screenshots, and the
// accessibility rules every page must keep (labelled controls, buttons with text, table headers
// with scope).
import {mkdirSync} from 'node:fs';
import path from 'node:path';

export async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export class Screenshots {
  constructor(dir, prefix) {
    this.dir = dir;
    this.prefix = prefix;
    this.count = 0;
    mkdirSync(dir, {recursive: true});
  }

  async take(page, name) {
    const file = path.join(this.dir, `${this.prefix}-${String(++this.count).padStart(2, '0')}-${name}.png`);
    // caret: 'initial' — hiding the caret leaves an empty style="" on the focused control,
    // which a later accessibility check of the same page would report as an inline style.
    await page.screenshot({path: file, fullPage: true, caret: 'initial'});
    return file;
  }
}

// Signs in as a keyboard user would: type the name, Tab to the password, Enter.
export async function signInWithKeyboard(page, baseUrl, name, password) {
  await page.goto(`${baseUrl}/#/signin`);
  await page.getByLabel('Имя пользователя').focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', {level: 1, name: 'Заказы'}).waitFor();
}

// What breaks the page for keyboard and screen-reader users; [] when nothing does.
export async function accessibilityProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    for (const control of document.querySelectorAll('input, select, textarea')) {
      if (control.type === 'hidden' || !visible(control)) continue;
      const labelled = (control.labels && control.labels.length > 0) || control.getAttribute('aria-label');
      if (!labelled) problems.push(`control without a label: ${control.outerHTML.slice(0, 120)}`);
    }
    for (const button of document.querySelectorAll('button')) {
      if (visible(button) && !button.textContent.trim()) problems.push(`button without text: ${button.outerHTML.slice(0, 120)}`);
    }
    for (const th of document.querySelectorAll('th')) {
      if (!th.getAttribute('scope')) problems.push(`th without scope: ${th.textContent.slice(0, 60)}`);
    }
    for (const el of document.querySelectorAll('[style]')) problems.push(`inline style: ${el.outerHTML.slice(0, 120)}`);
    if (document.querySelectorAll('h1').length !== 1) problems.push(`${document.querySelectorAll('h1').length} h1 elements`);
    return problems;
  });
}
