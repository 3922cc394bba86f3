// The dashboard's data includes the management app's state: a violation's ladder, next step, reminders.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import type { Store } from '../store/store.js';
import { POSTURE_FIXTURE_NOW, POSTURE_FIXTURE_REMINDED_ID, postureFixturePolicies, seedPostureFixture } from '../testing/posture-fixture.js';
import { openTestStore } from '../testing/test-store.js';
import { createApiServer, type ApiServer } from './api-server.js';

let store: Store;
let server: ApiServer;
before(async () => {
  store = await openTestStore();
  await seedPostureFixture(store);
  server = createApiServer({ store, policies: postureFixturePolicies, clock: new ManualClock(POSTURE_FIXTURE_NOW), escalation: DEFAULT_CONFIG.escalation });
});
after(async () => {
  await server.close();
  await store.close();
});

it('GET /api/violations/:id carries the ladder, where the violation is on it, its reminders and approvals', async () => {
  const body = (await server.fastify.inject(`/api/violations/${POSTURE_FIXTURE_REMINDED_ID}`)).json();
  const v = body.violation;
  assert.match(body.ladder.description, /^\d+ reminders? every \w+, then /);
  assert.equal(body.ladder.reminders.sent, v.remindersSent);
  assert.equal(body.ladder.next?.at ?? null, v.nextActionAt);
  assert.equal(body.reminders.length, body.history.filter((e: { type: string }) => e.type === 'violation.reminded').length);
  assert.deepEqual(body.approvals, []);
});
