import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { memoryTestStore } from '../testing/test-store.js';
import { createApiServer } from './api-server.js';

it('records API writes (not reads) on the audit trail with the actor, route pattern and status', async () => {
  const store = memoryTestStore();
  const server = createApiServer({ store, policies: [], clock: new ManualClock('2026-05-01T00:00:00Z') });
  // The management app's write routes are not on this branch: a stand-in write route.
  server.fastify.post('/api/approvals/:id', async (req, reply) => reply.code((req.params as { id: string }).id === 'bad' ? 409 : 200).send({}));
  try {
    await server.fastify.inject('/api/violations');
    // Without server.auth, a client's x-vigil-user header is not an identity: the actor stays anonymous.
    await server.fastify.inject({ method: 'POST', url: '/api/approvals/42?note=x', headers: { 'x-vigil-user': 'alice' } });
    await server.fastify.inject({ method: 'POST', url: '/api/approvals/bad' });
    const events = await store.audit.list({ types: ['api.request'] });
    assert.deepEqual(
      events.map((e) => [e.actor, e.subjectId, e.data, e.at]),
      [
        ['api:anonymous', 'POST /api/approvals/:id', { method: 'POST', route: '/api/approvals/:id', status: 200 }, '2026-05-01T00:00:00.000Z'],
        ['api:anonymous', 'POST /api/approvals/:id', { method: 'POST', route: '/api/approvals/:id', status: 409 }, '2026-05-01T00:00:00.000Z'],
      ],
    );
    assert.equal((await store.audit.list()).length, 2, 'the GET is not recorded');
  } finally {
    await server.close();
    await store.close();
  }
});

it('signs a checkpoint every N audited writes when given the checkpointer (audit.checkpointEvery)', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const { signingKeyFromPem, checkpointSignatureValid } = await import('../audit/checkpoint-signature.js');
  const { AuditCheckpointer } = await import('../audit-trail/audit-checkpointer.js');
  const key = signingKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'test');
  const store = memoryTestStore();
  const clock = new ManualClock('2026-05-01T00:00:00Z');
  const checkpointer = new AuditCheckpointer(key, 2, clock);
  const server = createApiServer({ store, policies: [], clock, afterAudit: () => checkpointer.maybeCheckpoint(store) });
  server.fastify.post('/api/things', async () => ({}));
  try {
    for (let i = 0; i < 5; i++) await server.fastify.inject({ method: 'POST', url: '/api/things' });
    const cps = await store.checkpoints.list();
    assert.deepEqual(cps.map((c) => c.seq), [2, 4]);
    assert.ok(cps.every((c) => checkpointSignatureValid(c, key.publicKey)));
    assert.equal(checkpointSignatureValid({ ...cps[0]!, seq: 3 }, key.publicKey), false);
  } finally {
    await server.close();
    await store.close();
  }
});

it('records authentication as its own events (login succeeded/failed, logout, token used), with identifiers only, never secrets', async () => {
  const { reportAuth } = await import('./auth-events.js');
  const store = memoryTestStore();
  const server = createApiServer({ store, policies: [], clock: new ManualClock('2026-05-01T00:00:00Z') });
  // A stand-in login plugin: the dashboard's own login lands with the management app's users.
  server.fastify.post('/api/auth/password', async (req, reply) => {
    const { user, password } = req.body as { user: string; password: string };
    if (password === 'correct horse') {
      reportAuth(req, { event: 'login.succeeded', user, method: 'password' });
      return reply.send({ ok: true });
    }
    reportAuth(req, { event: 'login.failed', method: 'password', reason: 'bad-credentials' });
    return reply.code(401).send({ ok: false });
  });
  server.fastify.post('/api/auth/password-logout', async (req) => (reportAuth(req, { event: 'logout', user: 'alice' }), {}));
  server.fastify.get('/api/whoami', async (req) => (reportAuth(req, { event: 'token.used', user: 'ci-bot', tokenId: 'tok-7f3a' }), {}));
  try {
    await server.fastify.inject({ method: 'POST', url: '/api/auth/password', payload: { user: 'alice', password: 'correct horse' } });
    await server.fastify.inject({ method: 'POST', url: '/api/auth/password', payload: { user: 'hunter2-typed-in-the-user-field', password: 'x' } });
    await server.fastify.inject({ method: 'POST', url: '/api/auth/password-logout' });
    await server.fastify.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: 'Bearer s3cr3t-token-value' } });
    const events = await store.audit.list();
    assert.deepEqual(
      events.map((e) => [e.type, e.actor, e.data]),
      [
        ['auth.login.succeeded', 'user:alice', { method: 'POST', authMethod: 'password', route: '/api/auth/password', status: 200 }],
        ['auth.login.failed', 'api:anonymous', { method: 'POST', authMethod: 'password', reason: 'bad-credentials', route: '/api/auth/password', status: 401 }],
        ['auth.logout', 'user:alice', { method: 'POST', route: '/api/auth/password-logout', status: 200 }],
        ['auth.token.used', 'user:ci-bot', { method: 'GET', route: '/api/whoami', status: 200, tokenId: 'tok-7f3a' }],
      ],
    );
    assert.doesNotMatch(JSON.stringify(events), /correct horse|hunter2|s3cr3t/);
  } finally {
    await server.close();
    await store.close();
  }
});

it('the served API takes writes only on the sign-in routes and approve/reject (which need a role), and an unknown write is refused and on the trail', async () => {
  // A new write route must declare its role (config: { role }) or it is open to every viewer: this
  // list is what to review when one is added (docs/audit.md, "Logins and API writes").
  const store = memoryTestStore();
  const again = createApiServer({ store, policies: [], clock: new ManualClock('2026-05-01T00:00:00Z'), approvals: { decide: async () => assert.fail('not called') } });
  try {
    await again.fastify.ready();
    const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].flatMap((m) => [...again.fastify.printRoutes({ method: m as 'POST', commonPrefix: false }).matchAll(/(\/\S+) \(/g)].map((r) => `${m} ${r[1]}`));
    assert.deepEqual(writes.sort(), ['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/violations/:id/approve', 'POST /api/violations/:id/reject']);
    // Without sign-in the approve route is refused before the service is asked.
    const approve = await again.fastify.inject({ method: 'POST', url: '/api/violations/v1/approve', payload: {} });
    assert.equal(approve.statusCode, 403);
    const refused = await again.fastify.inject({ method: 'POST', url: '/api/violations', payload: {} });
    assert.equal(refused.statusCode, 404);
    const events = await store.audit.list({ types: ['api.request'] });
    assert.deepEqual(events.map((e) => [e.actor, e.data]), [
      ['api:anonymous', { method: 'POST', route: '/api/violations/:id/approve', status: 403 }],
      ['api:anonymous', { method: 'POST', route: 'unmatched', status: 404 }],
    ]);
  } finally {
    await again.close();
    await store.close();
  }
});
