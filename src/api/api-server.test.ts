import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { VigilError } from '../common/vigil-error.js';
import type { ScanStore } from '../store/ports/scan-store.js';
import type { ViolationStore } from '../store/ports/violation-store.js';
import type { Store, StorePorts } from '../store/store.js';
import {
  POSTURE_FIXTURE_COUNTS,
  POSTURE_FIXTURE_NOW,
  POSTURE_FIXTURE_REMINDED_ID,
  postureFixturePolicies,
  seedPostureFixture,
} from '../testing/posture-fixture.js';
import { memoryTestStore, openTestStore } from '../testing/test-store.js';
import { createApiServer, type ApiServer } from './api-server.js';

describe('API server on a real SQLite store', () => {
  let store: Store;
  let server: ApiServer;
  const get = (url: string) => server.fastify.inject({ method: 'GET', url });

  before(async () => {
    store = await openTestStore();
    await seedPostureFixture(store);
    server = createApiServer({ store, policies: postureFixturePolicies, clock: new ManualClock(POSTURE_FIXTURE_NOW) });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  it('answers /healthz and never lets a proxy cache API answers', async () => {
    const res = await get('/healthz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('serves the posture summary with the time it was computed', async () => {
    const body = (await get('/api/summary')).json();
    assert.equal(body.generatedAt, POSTURE_FIXTURE_NOW);
    assert.equal(body.resources, POSTURE_FIXTURE_COUNTS.resources);
    assert.equal(body.violations.total, POSTURE_FIXTURE_COUNTS.liveViolations);
    assert.deepEqual(body.violations.bySeverity, POSTURE_FIXTURE_COUNTS.bySeverity);
    assert.equal(body.lastScan.id, 'scan-2');
  });

  it('lists live violations by default, with policy titles, total and paging', async () => {
    const body = (await get('/api/violations?limit=2')).json();
    assert.equal(body.total, POSTURE_FIXTURE_COUNTS.liveViolations);
    assert.equal(body.items.length, 2);
    assert.deepEqual([body.limit, body.offset], [2, 0]);
    assert.ok(body.items.every((v: { state: string }) => !['resolved', 'excepted'].includes(v.state)));
    const page3 = (await get('/api/violations?limit=2&offset=4')).json();
    assert.equal(page3.items.length, 2);
    const page4 = (await get('/api/violations?limit=2&offset=6')).json();
    assert.equal(page4.items.length, 0);
    assert.equal(page4.total, POSTURE_FIXTURE_COUNTS.liveViolations);
  });

  it('filters violations by severity (repeated or comma-separated), policy, account, owner, type and state', async () => {
    const count = async (qs: string) => (await get(`/api/violations?${qs}`)).json().total as number;
    assert.equal(await count('severity=high'), 3);
    assert.equal(await count('severity=high,critical'), 5);
    assert.equal(await count('severity=high&severity=medium'), 4);
    assert.equal(await count('policy=iam-user-mfa'), 2);
    assert.equal(await count('account=222222222222'), 2);
    assert.equal(await count('owner=payments'), 2);
    assert.equal(await count('resourceType=aws.backup.vault'), 1);
    assert.equal(await count('state=all'), 8);
    assert.equal(await count('state=resolved,excepted'), 2);
    assert.equal(await count('state=reminded&severity=critical'), 1);
    const items = (await get('/api/violations?policy=s3-bucket-public-access-block')).json().items;
    assert.ok(items.length > 0);
    assert.ok(items.every((v: { policyTitle: string }) => v.policyTitle === 'S3 buckets block all public access'));
  });

  it('rejects a misspelt filter value with a 400 that names the valid ones, instead of an empty list', async () => {
    const res = await get('/api/violations?severity=hihg');
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.code, 'usage');
    assert.match(body.message, /unknown severity "hihg"; expected one of: critical, high/);
    assert.equal((await get('/api/violations?limit=0')).statusCode, 400);
    assert.equal((await get('/api/violations?limit=abc')).statusCode, 400);
    assert.equal((await get('/api/violations?limit=501')).statusCode, 400);
    assert.equal((await get('/api/violations?state=gone')).statusCode, 400);
  });

  it('shows one violation with its policy, resource and history, oldest first', async () => {
    const body = (await get(`/api/violations/${POSTURE_FIXTURE_REMINDED_ID}`)).json();
    assert.equal(body.violation.id, POSTURE_FIXTURE_REMINDED_ID);
    assert.equal(body.violation.state, 'reminded');
    assert.deepEqual(body.violation.evidence, [{ path: 'MFADevices', expected: 'not empty', actual: [] }]);
    assert.equal(body.policy.id, 'iam-user-mfa');
    assert.equal(body.policy.remediation.risk, 'manual');
    assert.equal(body.resource.arn, 'arn:aws:iam::111111111111:user/alice');
    assert.deepEqual(body.history.map((e: { type: string }) => e.type), ['violation.opened', 'violation.reminded']);
    assert.ok(body.history.every((e: { subjectId: string }) => e.subjectId === POSTURE_FIXTURE_REMINDED_ID));
  });

  it('answers 404 JSON for an unknown violation, resource or route', async () => {
    const v = await get('/api/violations/does-not-exist');
    assert.equal(v.statusCode, 404);
    assert.deepEqual(v.json(), { code: 'violation.not-found', message: 'no violation with id "does-not-exist"' });
    const r = await get(`/api/resources/${encodeURIComponent('arn:aws:s3:::nope')}`);
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().code, 'resource.not-found');
    const route = await get('/api/nothing-here?x=1');
    assert.equal(route.statusCode, 404);
    assert.deepEqual(route.json(), { code: 'not-found', message: 'no route GET /api/nothing-here' });
  });

  it('lists resources with filters and finds one by its URL-encoded ARN, with its violations in every state', async () => {
    const all = (await get('/api/resources')).json();
    assert.equal(all.total, POSTURE_FIXTURE_COUNTS.resources);
    assert.equal((await get('/api/resources?type=aws.s3.bucket&account=222222222222')).json().total, 2);
    const arn = 'arn:aws:backup:eu-west-1:222222222222:backup-vault:dev-vault';
    const res = await get(`/api/resources/${encodeURIComponent(arn)}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.resource.arn, arn);
    assert.deepEqual(body.violations.map((v: { state: string }) => v.state), ['excepted']);
    const user = await get(`/api/resources/${encodeURIComponent('arn:aws:iam::111111111111:user/alice')}`);
    assert.equal(user.json().resource.name, 'alice', 'an ARN with a slash in it is found');
  });

  it('lists scans newest first, quarantined records and policies', async () => {
    assert.deepEqual((await get('/api/scans')).json().items.map((s: { id: string }) => s.id), ['scan-2', 'scan-1']);
    const q = (await get('/api/quarantine?scanId=scan-2')).json().items;
    assert.equal(q.length, 1);
    assert.equal(q[0].reason, 'missing field "Name"');
    assert.equal((await get('/api/quarantine?scanId=scan-1')).json().items.length, 0);
    const policies = (await get('/api/policies')).json().items;
    assert.deepEqual(policies.map((p: { id: string }) => p.id), ['backup-vault-lock', 'iam-user-mfa', 'kms-key-rotation', 's3-bucket-public-access-block']);
    const s3 = policies.find((p: { id: string }) => p.id === 's3-bucket-public-access-block');
    assert.deepEqual(s3.remediation.enforce, 's3.block-public-access');
    assert.deepEqual(s3.remediation.risk, 'disruptive');
    assert.deepEqual(s3.frameworks, { 'aws-fsbp': 'S3.8', dora: 'Art. 9', 'iso27001@2022': 'A.8.3' });
    assert.equal('where' in s3, false, 'the condition tree is not part of the public view');
  });
});

const pick = (s: StorePorts): StorePorts => ({ inventory: s.inventory, violations: s.violations, audit: s.audit, checkpoints: s.checkpoints, scans: s.scans, quarantine: s.quarantine, outbox: s.outbox, approvals: s.approvals, escalation: s.escalation, busQueue: s.busQueue, enforcementActions: s.enforcementActions, personalData: s.personalData, reportClaims: s.reportClaims, apiTokens: s.apiTokens });

describe('API errors', () => {
  it('maps a VigilError to its status and toJSON(), and hides an unexpected error behind a bare 500', async () => {
    // The failures are injected; no database is involved: the in-memory fake suffices.
    const store = memoryTestStore();
    const violations = Object.create(store.violations) as ViolationStore;
    violations.get = async () => {
      throw new VigilError('store.conflict', 'someone else changed it', { status: 409, details: { id: 'x' } });
    };
    const scans = Object.create(store.scans) as ScanStore;
    scans.list = async () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path.db');
    };
    const broken: StorePorts = { ...pick(store), violations, scans };
    const server = createApiServer({ store: broken, policies: [], clock: new ManualClock(POSTURE_FIXTURE_NOW) });
    try {
      const conflict = await server.fastify.inject('/api/violations/x');
      assert.equal(conflict.statusCode, 409);
      assert.deepEqual(conflict.json(), { code: 'store.conflict', message: 'someone else changed it', details: { id: 'x' } });
      const boom = await server.fastify.inject('/api/scans');
      assert.equal(boom.statusCode, 500);
      assert.equal(boom.json().code, 'internal');
      assert.doesNotMatch(boom.body, /SQLITE|secret/);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('listens on 127.0.0.1 by default and serves the dashboard page with a same-origin CSP', async () => {
    const store = memoryTestStore();
    const server = createApiServer({ store, policies: [], clock: new ManualClock(POSTURE_FIXTURE_NOW) });
    try {
      const url = await server.listen();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.match(await page.text(), /<script type="module" src="\/assets\/dashboard.js">/);
      const js = await fetch(`${url}/assets/dashboard.js`);
      assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
      let closed = false;
      void server.closed.then(() => (closed = true));
      await server.close();
      await new Promise((r) => setImmediate(r));
      assert.equal(closed, true, '`closed` settles when the server closes');
    } finally {
      await server.close();
      await store.close();
    }
  });
});
