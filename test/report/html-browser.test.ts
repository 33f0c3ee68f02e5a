/** @fileoverview The HTML report in a real headless Chromium (Debian's): it renders, filters, sorts, loads nothing, runs no injected script. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { render } from '../../src/report/index.js';
import { loadCatalog } from '../../src/rules/load.js';
import type { Result } from '../../src/model/types.js';
import { FIXTURES } from '../helpers/paths.js';
import { assess } from '../../src/audit/compliance.js';
import { frameworksById } from '../../src/rules/frameworks.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const skip = CHROMIUM ? false : 'Debian chromium is not installed (.ci/run installs it)';
const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-html-'));
let browser: Browser;

async function openReport(fixture: string, viewport = { width: 1200, height: 900 }, change?: (r: Result) => Result): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const read = JSON.parse(readFileSync(join(FIXTURES, 'results', fixture), 'utf8')) as Result;
  const result = change ? change(read) : read;
  const file = join(dir, fixture.replace(/\.json$/, '.html'));
  writeFileSync(file, await render('html', result, loadCatalog()));
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`file://${file}`);
  return { page, requests, errors };
}

before(async () => {
  if (skip) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'] });
});
after(async () => browser?.close());

test('the scan report renders in Chromium, loads nothing from anywhere, and its screenshot is taken', { skip }, async () => {
  const { page, requests, errors } = await openReport('scan-lab.json');
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'no request leaves the page');
  assert.deepEqual(errors, [], 'no script error and no CSP violation');
  assert.equal(await page.title(), 'mqtt-audit scan report');
  const shot = join(dir, 'scan-lab.png');
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(statSync(shot).size > 20000);
  assert.match(await page.locator('#f-count').textContent() ?? '', /^38 of 38 findings$/);
  await page.close();
});

test('hostile topic names show as text and run nothing (<img onerror>, </script><script>, "><svg onload>)', { skip }, async () => {
  const { page, errors } = await openReport('scan-lab.json');
  await page.locator('details.details summary', { hasText: '127.0.0.65:1883' }).click();
  const topics = await page.locator('ul.topics code').allTextContents();
  assert.ok(topics.includes('lab/<img src=x onerror=window.__pwned=1>'), topics.join(' | '));
  assert.ok(topics.includes('lab/</script><script>window.__pwned=2</script>'));
  assert.ok(topics.includes('lab/"><svg onload=window.__pwned=3>'));
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.locator('img, svg[onload], script:not(:last-of-type)').count(), 0, 'no element was injected');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the filters: by severity, by rule, by target, by free text; the count follows', { skip }, async () => {
  const { page } = await openReport('scan-lab.json');
  const visible = () => page.locator('#findings tbody tr:not([hidden])');
  await page.selectOption('#f-severity', 'critical');
  const sev = await visible().evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.severity));
  assert.ok(sev.length > 0 && sev.every((s) => s === 'critical'), sev.join());
  assert.match(await page.locator('#f-count').textContent() ?? '', new RegExp(`^${sev.length} of 38 findings$`));
  await page.selectOption('#f-severity', '');
  await page.selectOption('#f-rule', 'tls.cert-expired');
  assert.equal(await visible().count(), 1);
  await page.selectOption('#f-rule', '');
  await page.selectOption('#f-where', '127.0.0.66:1883');
  assert.deepEqual((await visible().evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.rule))).sort(), ['mqtt.plaintext-listener', 'mqtt.weak-credentials']);
  await page.selectOption('#f-where', '');
  await page.fill('#f-text', 'DEPTH_ZERO_SELF_SIGNED');
  assert.equal(await visible().count(), 1);
  await page.fill('#f-text', 'no such text anywhere');
  assert.equal(await visible().count(), 0);
  assert.equal(await page.locator('#no-match').isVisible(), true);
  await page.close();
});

test('sorting by a column header reorders the rows, twice reverses them', { skip }, async () => {
  const { page } = await openReport('lint-example.json');
  const rules = () => page.locator('#findings tbody tr td:nth-child(2)').allTextContents();
  await page.click('th[data-sort="rule"]');
  const asc = await rules();
  assert.deepEqual(asc, [...asc].sort());
  await page.click('th[data-sort="rule"]');
  assert.deepEqual(await rules(), [...asc].reverse());
  assert.equal(await page.locator('th[data-sort="rule"]').getAttribute('aria-sort'), 'descending');
  await page.close();
});

test('the lint report shows each offending line and the remediation; it reads on a phone', { skip }, async () => {
  const { page } = await openReport('lint-example.json', { width: 390, height: 844 });
  assert.ok((await page.locator('pre', { hasText: '4 | allow_anonymous true' }).count()) >= 1);
  assert.match(await page.locator('#rules-h + details, section[aria-labelledby=rules-h]').first().textContent() ?? '', /How to fix/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 400, `no horizontal scrolling on a phone (page is ${width}px wide)`);
  await page.screenshot({ path: join(dir, 'lint-phone.png'), fullPage: true });
  await page.close();
});

test('the compliance section: a badge per control, links from a failed control to its findings, readable on a phone', { skip }, async () => {
  const lintRules = new Set(loadCatalog().rules.filter((r) => r.foundBy.includes('lint')).map((r) => r.id));
  const withCompliance = (r: Result): Result => ({ ...r, compliance: assess(frameworksById(['etsi-en-303-645', 'nist-800-53']), r.findings, lintRules) });
  const { page, errors } = await openReport('lint-example.json', { width: 390, height: 844 }, withCompliance);
  assert.deepEqual(errors, [], 'no script error and no CSP violation');
  assert.equal(await page.locator('section[aria-labelledby="c-nist-800-53"] h2').count(), 1);
  const failed = page.locator('section[aria-labelledby="c-nist-800-53"] tr[data-status="fail"]');
  assert.ok((await failed.count()) > 0, 'some NIST control fails on the example');
  assert.equal(await failed.first().locator('.ctl.fail').textContent(), 'fail');
  // The first link of a failed control leads to its finding's row.
  const link = failed.first().locator('a').first();
  const target = (await link.getAttribute('href'))!;
  await link.click();
  assert.equal(await page.evaluate(() => location.hash), target);
  assert.equal(await page.locator(`tr${target}`).count(), 1, 'the finding row exists');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 400, `no horizontal scrolling on a phone (page is ${width}px wide)`);
  await page.screenshot({ path: join(dir, 'compliance-phone.png'), fullPage: true });
  await page.close();
});
