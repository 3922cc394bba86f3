import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiServer } from '../api/api-server.js';
import { ManualClock } from '../common/clock.js';
import { browserWithPostureStore } from '../testing/browser.js';
import {
  POSTURE_FIXTURE_COUNTS,
  POSTURE_FIXTURE_NOW,
  POSTURE_FIXTURE_REMINDED_ID,
  postureFixturePolicies,
} from '../testing/posture-fixture.js';

/** Where the screenshot goes, so a person (or a reviewer) can look at what the browser rendered. */
const SCREENSHOT = process.env.VIGIL_DASHBOARD_SCREENSHOT ?? '/tmp/vigil-dashboard.png';

describe('dashboard in a real browser', () => {
  it('shows totals and violations, filters by severity and opens a detail with evidence and history', { timeout: 120_000 }, async (t) => {
    const env = await browserWithPostureStore(t);
    if (!env) return;
    const { browser, store } = env;
    const server = createApiServer({ store, policies: postureFixturePolicies, clock: new ManualClock(POSTURE_FIXTURE_NOW) });
    t.after(() => server.close());
    const url = await server.listen({ port: 0 });

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(url)) problems.push(`request left the origin: ${r.url()}`);
    });

    await page.goto(`${url}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });

    // Totals, as a person counted them in the fixture.
    assert.equal(await page.textContent('#total-resources'), String(POSTURE_FIXTURE_COUNTS.resources));
    assert.equal(await page.textContent('#total-policies'), String(POSTURE_FIXTURE_COUNTS.policies));
    assert.equal(await page.textContent('#total-violations'), String(POSTURE_FIXTURE_COUNTS.liveViolations));
    assert.equal(await page.textContent('#by-severity li[data-severity="high"] .num'), '3');
    assert.equal(await page.textContent('#by-severity li[data-severity="critical"] .num'), '2');
    const iso = page.locator('#by-framework tr[data-framework="iso27001@2022"] td');
    assert.deepEqual(await iso.allTextContents(), ['iso27001@2022', '2 / 2', '5']);
    assert.deepEqual(await page.locator('#top-policies li:first-child > *').allTextContents(), ['high', 'S3 buckets block all public access', '3']);
    assert.match((await page.textContent('#scan-info')) ?? '', /Last scan finished 2026-03-10 11:02 UTC/);

    // The table: every live violation, one of them the public payments-logs bucket.
    const rows = page.locator('#violations tbody tr');
    assert.equal(await rows.count(), POSTURE_FIXTURE_COUNTS.liveViolations);
    const bucketRow = rows.filter({ hasText: 'arn:aws:s3:::payments-logs' });
    assert.equal(await bucketRow.count(), 1);
    assert.deepEqual((await bucketRow.locator('td').allTextContents()).map((s) => s.trim()).slice(0, 6), [
      'high',
      'S3 buckets block all public access',
      'payments-logsarn:aws:s3:::payments-logs',
      '111111111111',
      'payments',
      'open',
    ]);

    // Filter by severity through the labelled control, as a keyboard or screen-reader user would find it.
    await page.getByLabel('Severity', { exact: true }).selectOption('critical');
    await page.locator('#violations-count', { hasText: /of 2 violations$/ }).waitFor();
    assert.equal(await rows.count(), 2);
    assert.deepEqual(await rows.locator('td:first-child').allTextContents(), ['critical', 'critical']);

    // Open the reminded one: evidence (path, expected, actual) and its two history events.
    await page.locator(`#violations tbody tr[data-id="${POSTURE_FIXTURE_REMINDED_ID}"] button`).click();
    const detail = page.locator('#detail');
    await detail.waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#detail-h'), 'IAM users with a console password have MFA');
    assert.deepEqual(await detail.locator('table.evidence tbody td').allTextContents(), ['MFADevices', 'not empty', '[]']);
    const history = (await detail.locator('.history li').allTextContents()).map((s) => s.replace(/\s+/g, ' '));
    assert.equal(history.length, 2);
    assert.match(history[0] ?? '', /violation\.opened by scanner/);
    assert.match(history[1] ?? '', /2026-03-03 09:00 UTC\s?violation\.reminded by manager/);
    assert.match((await detail.textContent()) ?? '', /Enable an MFA device for the user\./);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Clearing the filters brings every live violation back; Escape closes the detail.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('#violations-count', { hasText: new RegExp(`of ${POSTURE_FIXTURE_COUNTS.liveViolations} violations$`) }).waitFor();
    assert.equal(await rows.count(), POSTURE_FIXTURE_COUNTS.liveViolations);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // Filtering by account narrows to that account's rows only.
    await page.getByLabel('Account', { exact: true }).selectOption('222222222222');
    await page.locator('#violations-count', { hasText: /of 2 violations$/ }).waitFor();
    assert.deepEqual(await rows.locator('td:nth-child(4)').allTextContents(), ['222222222222', '222222222222']);

    assert.deepEqual(problems, [], 'no script error, no CSP violation, no request to another origin');
  });
});
