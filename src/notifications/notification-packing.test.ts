import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { packNotification, unpackNotification } from './notification-packing.js';

describe('notification packing (the outbox\'s stored form of a digest)', () => {
  const items = Array.from({ length: 50 }, (_, i) =>
    reminderItem({ violationId: `v-${i}`, ...(i % 2 ? { policyId: 'iam-keys', title: 'Keys rotate', guidance: 'Rotate the key every 90 days, then delete the old one.' } : {}) }),
  );
  const digest = digestFor('payments', items);

  it('round-trips through JSON to an equal digest, and keeps each policy\'s text once', () => {
    const stored = JSON.stringify(packNotification(digest));
    assert.deepEqual(unpackNotification(JSON.parse(stored)), digest);
    assert.ok(stored.length < JSON.stringify(digest).length, `${stored.length} vs ${JSON.stringify(digest).length}`);
    assert.equal(stored.split('Rotate the key every 90 days').length - 1, 1);
  });

  it('stores a digest as is when one policy\'s items disagree on its text, and reads old unpacked rows as they are', () => {
    const odd = digestFor('payments', [reminderItem({ violationId: 'a' }), reminderItem({ violationId: 'b', guidance: 'changed mid-run' })]);
    assert.equal(packNotification(odd), odd);
    assert.deepEqual(unpackNotification(JSON.parse(JSON.stringify(odd))), odd);
  });
});
