import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ApiTokenService } from './api-token-service.js';
import { RequestAuthenticator } from './request-authenticator.js';
import { ManualClock } from '../common/clock.js';
import type { AuthConfig } from '../config/vigil-config.js';
import { ApprovalService } from '../escalation/approval-service.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { violation } from '../testing/store-contract.js';
import { createApiServer } from './api-server.js';

const DAY = 86_400_000;

/** A served API over a SQLite file (so the test can read the bytes on disk), one violation awaiting approval, and tokens. */
const setUp = async (auth: AuthConfig | undefined) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-auth-'));
  const store: Store = openSqliteStore({ file: join(dir, 'vigil.db') });
  await store.migrate();
  const clock = new ManualClock('2026-05-01T00:00:00Z');
  await store.violations.insert([violation(1, { state: 'awaiting-approval' }), violation(2, { state: 'awaiting-approval' })]);
  const tokens = new ApiTokenService({ store, clock });
  const secret = async (name: string, role: 'viewer' | 'approver' | 'admin', expiresInMs: number | null = 90 * DAY) => (await tokens.create({ name, role, expiresInMs }, 'cli:root'));
  const server = createApiServer({
    store, policies: [], clock,
    auth: new RequestAuthenticator({ config: auth, store, clock }),
    approvals: new ApprovalService({ store, clock, approvers: new Set(['alice@example.com', 'carol@example.com']) }),
  });
  const call = (method: 'GET' | 'POST', url: string, bearer?: string, payload?: object, headers: Record<string, string> = {}) =>
    server.fastify.inject({ method, url, headers: { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, ...(payload ? { payload } : {}) });
  const cleanup = async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  /** Every byte SQLite wrote (database, WAL, journal), as text. */
  const onDisk = () => readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
  return { store, clock, tokens, secret, call, cleanup, onDisk };
};

describe('API authentication (server.auth.tokens)', () => {
  it('401 without a valid bearer, 403 for a viewer writing, 200 for an approver, each write on the trail with the token holder as actor; secrets nowhere on disk', async () => {
    const t = await setUp({ tokens: true });
    try {
      const viewer = await t.secret('ci-reader', 'viewer');
      const approver = await t.secret('alice@example.com', 'approver');
      assert.match(approver.secret, /^vgl_[A-Za-z0-9_-]{43}$/, 'prefix and 32 random bytes, base64url');

      // No credential at all: 401 with the way in, and nothing on the trail (it is not a login attempt).
      const bare = await t.call('GET', '/api/violations');
      assert.equal(bare.statusCode, 401);
      assert.equal(bare.headers['www-authenticate'], 'Bearer realm="vigil"');
      assert.match(bare.json().message, /sign in: send "Authorization: Bearer <token>"/);
      // A client's own x-vigil-user header is no identity.
      assert.equal((await t.call('GET', '/api/violations', undefined, undefined, { 'x-vigil-user': 'alice@example.com' })).statusCode, 401);
      assert.equal((await t.call('GET', '/healthz')).statusCode, 200, 'health and the dashboard page stay public');
      assert.equal((await t.call('GET', '/')).statusCode, 200);
      // What is public is decided by the matched route, not the URL's spelling: an encoded path is still /api/violations.
      for (const url of ['/%61pi/violations', '/api/%76iolations', '/api//violations', '/api/violations/', '/API/violations', '/nope']) {
        assert.equal((await t.call('GET', url)).statusCode, 401, url);
      }

      // A wrong token: 401, recorded as a failed login with a reason from the fixed list.
      const forged = await t.call('GET', '/api/violations', `vgl_${'A'.repeat(43)}`);
      assert.deepEqual([forged.statusCode, forged.json().message], [401, 'unknown API token']);

      // A viewer reads (no event; last use recorded on the token) but may not approve.
      const read = await t.call('GET', '/api/violations?state=all', viewer.secret);
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().total, 2);
      assert.equal((await t.store.apiTokens.list()).find((x) => x.id === viewer.token.id)?.lastUsedAt, '2026-05-01T00:00:00.000Z');
      const refused = await t.call('POST', `/api/violations/v001/approve`, viewer.secret, { reason: 'CHG-1' });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.json().message, /ci-reader has the role viewer; this needs approver or above/);

      // The approver approves, through the approval service: decision recorded with who.
      const ok = await t.call('POST', `/api/violations/v001/approve`, approver.secret, { reason: 'CHG-42' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual([ok.json().decision, ok.json().by], ['approved', 'alice@example.com']);
      assert.deepEqual((await t.store.approvals.history('v001')).map((a) => [a.decision, a.by, a.reason]), [['approved', 'alice@example.com', 'CHG-42']]);
      // An unknown violation is the service's 404.
      assert.equal((await t.call('POST', `/api/violations/v404/reject`, approver.secret, {})).statusCode, 404);
      assert.equal((await t.call('POST', `/api/violations/v002/reject`, approver.secret, {})).statusCode, 200);

      const events = (await t.store.audit.list()).filter((e) => e.type !== 'api-token.created');
      assert.deepEqual(
        events.map((e) => [e.type, e.actor, e.subjectId, e.data['status'] ?? null, e.data['reason'] ?? null, e.data['tokenId'] ?? null]),
        [
          ['auth.login.failed', 'api:anonymous', 'GET /api/violations', 401, 'bad-credentials', null],
          ['auth.token.used', 'user:ci-reader', 'POST /api/violations/:id/approve', 403, null, viewer.token.id],
          ['api.request', 'user:ci-reader', 'POST /api/violations/:id/approve', 403, null, viewer.token.id],
          ['violation.approved', 'user:alice@example.com', 'v001', null, 'CHG-42', null],
          ['auth.token.used', 'user:alice@example.com', 'POST /api/violations/:id/approve', 200, null, approver.token.id],
          ['api.request', 'user:alice@example.com', 'POST /api/violations/:id/approve', 200, null, approver.token.id],
          ['auth.token.used', 'user:alice@example.com', 'POST /api/violations/:id/reject', 404, null, approver.token.id],
          ['api.request', 'user:alice@example.com', 'POST /api/violations/:id/reject', 404, null, approver.token.id],
          ['violation.rejected', 'user:alice@example.com', 'v002', null, null, null],
          ['auth.token.used', 'user:alice@example.com', 'POST /api/violations/:id/reject', 200, null, approver.token.id],
          ['api.request', 'user:alice@example.com', 'POST /api/violations/:id/reject', 200, null, approver.token.id],
        ],
      );
      assert.equal(events.find((e) => e.type === 'api.request')?.data['authMethod'], 'token');
      // Only the hash is kept: neither secret is in the audit rows nor anywhere in the database files.
      const audit = JSON.stringify(await t.store.audit.list());
      for (const s of [viewer.secret, approver.secret, viewer.secret.slice(4), approver.secret.slice(4)]) {
        assert.equal(audit.includes(s), false);
        assert.equal(t.onDisk().includes(s), false, 'secret found in the SQLite files');
      }
      assert.ok(t.onDisk().includes(viewer.token.id), 'the grep does read the database (the token id is there)');
    } finally {
      await t.cleanup();
    }
  });

  it('a revoked or expired token is refused with its reason and the refusal recorded; an approver outside the security team is refused by the approval service', async () => {
    const t = await setUp({ tokens: true });
    try {
      const revoked = await t.secret('bob@example.com', 'admin');
      const shortLived = await t.secret('carol@example.com', 'approver', DAY);
      const outsider = await t.secret('mallory@example.com', 'approver');
      assert.equal((await t.call('GET', '/api/me', revoked.secret)).statusCode, 200);
      await t.tokens.revoke(revoked.token.id, 'cli:root');
      const r1 = await t.call('GET', '/api/me', revoked.secret);
      assert.deepEqual([r1.statusCode, r1.json().message], [401, 'this API token was revoked']);
      assert.equal((await t.call('GET', '/api/me', shortLived.secret)).json().role, 'approver');
      t.clock.advance(DAY);
      const r2 = await t.call('POST', '/api/violations/v001/approve', shortLived.secret, {});
      assert.equal(r2.statusCode, 401);
      assert.match(r2.json().message, /this API token has expired/);
      const r3 = await t.call('POST', '/api/violations/v001/approve', outsider.secret, {});
      assert.equal(r3.statusCode, 403);
      assert.match(r3.json().message, /"mallory@example.com" is not a member of the security team/);
      assert.equal((await t.store.violations.get('v001'))?.version, 1, 'nothing was decided');
      const failed = await t.store.audit.list({ types: ['auth.login.failed', 'api-token.revoked'] });
      assert.deepEqual(failed.map((e) => [e.type, e.actor, e.data['reason'] ?? null, e.data['authMethod'] ?? null]), [
        ['api-token.revoked', 'cli:root', null, null],
        ['auth.login.failed', 'api:anonymous', 'revoked', 'token'],
        ['auth.login.failed', 'api:anonymous', 'expired', 'token'],
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('sign-in and sign-out from the dashboard are recorded as login and logout; /api/me says who and what role', async () => {
    const t = await setUp({ tokens: true });
    try {
      const alice = await t.secret('alice@example.com', 'approver');
      const login = await t.call('POST', '/api/auth/login', alice.secret);
      assert.deepEqual(login.json(), { authRequired: true, user: 'alice@example.com', role: 'approver', authMethod: 'token' });
      assert.equal((await t.call('POST', '/api/auth/logout', alice.secret)).statusCode, 200);
      assert.equal((await t.call('POST', '/api/auth/login', 'vgl_wrong')).statusCode, 401);
      const events = await t.store.audit.list({ types: ['auth.login.succeeded', 'auth.logout', 'auth.login.failed', 'api.request'] });
      assert.deepEqual(events.map((e) => [e.type, e.actor, e.data['tokenId'] ?? null]), [
        ['auth.login.succeeded', 'user:alice@example.com', alice.token.id],
        ['auth.logout', 'user:alice@example.com', null],
        ['auth.login.failed', 'api:anonymous', null],
      ]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('API without sign-in, and behind a trusted proxy', () => {
  it('no server.auth: reads work as before, writes are refused (the CLI approves), and x-vigil-user is not trusted as the actor', async () => {
    const t = await setUp(undefined);
    try {
      assert.equal((await t.call('GET', '/api/violations')).statusCode, 200);
      assert.deepEqual((await t.call('GET', '/api/me')).json(), { authRequired: false, user: null, role: null, authMethod: null });
      const w = await t.call('POST', '/api/violations/v001/approve', undefined, {}, { 'x-vigil-user': 'alice@example.com' });
      assert.equal(w.statusCode, 403);
      assert.match(w.json().message, /has no sign-in configured \(server\.auth/);
      // A bearer means nothing when no sign-in is configured: refused, not ignored.
      assert.equal((await t.call('GET', '/api/violations', 'vgl_x')).statusCode, 401);
      const [event] = await t.store.audit.list({ types: ['api.request'] });
      assert.deepEqual([event?.actor, event?.data['status']], ['api:anonymous', 403]);
    } finally {
      await t.cleanup();
    }
  });

  it('server.auth.proxy: the configured header names the user with the configured role; without it, 401', async () => {
    const t = await setUp({ proxy: { userHeader: 'x-forwarded-user', role: 'approver' } });
    try {
      assert.equal((await t.call('GET', '/api/violations', undefined, undefined, { 'x-vigil-user': 'alice@example.com' })).statusCode, 401);
      const me = await t.call('GET', '/api/me', undefined, undefined, { 'x-forwarded-user': 'carol@example.com' });
      assert.deepEqual(me.json(), { authRequired: true, user: 'carol@example.com', role: 'approver', authMethod: 'proxy' });
      assert.equal((await t.call('POST', '/api/violations/v001/approve', undefined, {}, { 'x-forwarded-user': 'carol@example.com' })).statusCode, 200);
      assert.deepEqual((await t.store.audit.list({ types: ['auth.login.succeeded', 'api.request'] })).map((e) => [e.type, e.actor, e.data['authMethod']]), [
        ['auth.login.succeeded', 'user:carol@example.com', 'proxy'],
        ['api.request', 'user:carol@example.com', 'proxy'],
      ]);
    } finally {
      await t.cleanup();
    }
  });
});
