import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiServer } from '../api/api-server.js';
import { ApiTokenService } from '../api/api-token-service.js';
import { RequestAuthenticator } from '../api/request-authenticator.js';
import { ManualClock } from '../common/clock.js';
import { ApprovalService } from '../escalation/approval-service.js';
import { browserWithPostureStore } from '../testing/browser.js';
import { POSTURE_FIXTURE_NOW, POSTURE_FIXTURE_REMINDED_ID, postureFixturePolicies } from '../testing/posture-fixture.js';

const SCREENSHOT = process.env.VIGIL_DASHBOARD_APPROVE_SCREENSHOT ?? '/tmp/vigil-dashboard-approve.png';

describe('dashboard sign-in and approval in a real browser', () => {
  it('asks for a token, shows Approve/Reject only to an approver, approves as the signed-in user, and keeps the token out of URLs, cookies and the trail', { timeout: 120_000 }, async (t) => {
    const env = await browserWithPostureStore(t);
    if (!env) return;
    const { browser, store } = env;
    const waiting = (await store.violations.get(POSTURE_FIXTURE_REMINDED_ID))!;
    await store.violations.update([{ ...waiting, state: 'awaiting-approval', version: waiting.version + 1 }]);
    const clock = new ManualClock(POSTURE_FIXTURE_NOW);
    const tokens = new ApiTokenService({ store, clock });
    const viewer = await tokens.create({ name: 'vic@example.com', role: 'viewer', expiresInMs: null }, 'cli:test');
    const approver = await tokens.create({ name: 'alice@example.com', role: 'approver', expiresInMs: null }, 'cli:test');
    const server = createApiServer({
      store, policies: postureFixturePolicies, clock,
      auth: new RequestAuthenticator({ config: { tokens: true }, store, clock }),
      approvals: new ApprovalService({ store, clock, approvers: new Set(['alice@example.com']) }),
    });
    t.after(() => server.close());
    const url = await server.listen({ port: 0 });

    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const refused: string[] = [];
    const urls: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every 4xx fetch as a console error; those are checked through `refused` instead.
      if ((m.type() === 'error' || m.type() === 'warning') && !/status of 401/.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => urls.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });

    const signIn = async (secret: string, who: RegExp) => {
      await page.locator('#sign-in').waitFor({ state: 'visible' });
      await page.getByLabel('Token', { exact: true }).fill(secret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#whoami', { hasText: who }).waitFor();
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.locator('#sign-in').isVisible(), false, 'the sign-in form is gone once signed in');
    };
    const openWaiting = async () => {
      await page.locator(`#violations tbody tr[data-id="${POSTURE_FIXTURE_REMINDED_ID}"] button`).click();
      await page.locator('#detail').waitFor({ state: 'visible' });
      await page.locator('#detail dd', { hasText: 'awaiting-approval' }).waitFor();
      assert.equal(await page.locator('#session').isVisible(), true);
    };

    await page.goto(`${url}/`);
    assert.match((await page.textContent('#scan-info')) ?? '', /Sign in to see the posture/);
    assert.equal(await page.locator('#total-violations').textContent(), '–', 'nothing is shown before sign-in');

    assert.equal(await page.locator('#sign-in-error').isVisible(), false, 'a first visit is no error');
    // A refused token says why, and asks again.
    await page.getByLabel('Token', { exact: true }).fill('vgl_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#sign-in-error', { hasText: 'Not signed in: unknown API token' }).waitFor();

    // A viewer sees the violation waiting for approval, but no way to decide it.
    await signIn(viewer.secret, /Signed in as vic@example.com \(viewer\)/);
    await openWaiting();
    assert.equal(await page.locator('#approve').count(), 0);
    await page.getByRole('button', { name: 'Sign out' }).click();

    // An approver does: reason, Approve, and the decision is the service's.
    await signIn(approver.secret, /Signed in as alice@example.com \(approver\)/);
    await openWaiting();
    await page.getByLabel('Reason (change ticket, risk note)').fill('CHG-4711');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#decision-status', { hasText: /^Decided: approved by alice@example.com \(CHG-4711\) at 2026-03-10 12:00 UTC; enforcement is requested at the next manager run\.$/ }).waitFor();
    await page.locator('#detail .history li', { hasText: 'violation.approved by user:alice@example.com' }).waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    assert.deepEqual((await store.approvals.history(POSTURE_FIXTURE_REMINDED_ID)).map((a) => [a.decision, a.by, a.reason]), [['approved', 'alice@example.com', 'CHG-4711']]);
    const events = await store.audit.list({ types: ['auth.login.succeeded', 'auth.logout', 'auth.token.used', 'api.request', 'violation.approved'] });
    assert.deepEqual(events.map((e) => [e.type, e.actor]), [
      ['auth.login.succeeded', 'user:vic@example.com'],
      ['auth.logout', 'user:vic@example.com'],
      ['auth.login.succeeded', 'user:alice@example.com'],
      ['violation.approved', 'user:alice@example.com'],
      ['auth.token.used', 'user:alice@example.com'],
      ['api.request', 'user:alice@example.com'],
    ]);

    // The token: in this tab's sessionStorage only, never in a URL, a cookie, localStorage or the trail.
    assert.equal(await page.evaluate('sessionStorage.getItem("vigil.token")'), approver.secret);
    assert.equal(await page.evaluate('localStorage.length'), 0);
    assert.deepEqual(await context.cookies(), []);
    for (const s of [viewer.secret, approver.secret]) {
      assert.equal(urls.some((u) => u.includes(s.slice(4))), false, 'token in a URL');
      assert.equal(JSON.stringify(await store.audit.list()).includes(s.slice(4)), false, 'token on the trail');
    }
    assert.deepEqual(refused, ['401 GET /api/me', '401 POST /api/auth/login', '401 GET /api/me'], 'the only refusals: the first visit, the wrong token, the reload after sign-out');
    assert.deepEqual(problems, []);
  });
});
