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
    await server.fastify.inject({ method: 'POST', url: '/api/approvals/42?note=x', headers: { 'x-vigil-user': 'alice' } });
    await server.fastify.inject({ method: 'POST', url: '/api/approvals/bad' });
    const events = await store.audit.list({ types: ['api.request'] });
    assert.deepEqual(
      events.map((e) => [e.actor, e.subjectId, e.data, e.at]),
      [
        ['user:alice', 'POST /api/approvals/:id', { method: 'POST', route: '/api/approvals/:id', status: 200 }, '2026-05-01T00:00:00.000Z'],
        ['api:anonymous', 'POST /api/approvals/:id', { method: 'POST', route: '/api/approvals/:id', status: 409 }, '2026-05-01T00:00:00.000Z'],
      ],
    );
    assert.equal((await store.audit.list()).length, 2, 'the GET is not recorded');
  } finally {
    await server.close();
    await store.close();
  }
});
