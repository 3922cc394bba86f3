import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_MS, ManualClock } from '../../common/clock.js';
import { loadConfig } from '../../config/config-loader.js';
import { createVigil } from '../../composition-root.js';
import { demoAnchor } from './demo-provider.js';

const T0 = Date.parse('2026-11-22T10:00:00Z');

test('demoAnchor: the epoch plus whole days; the clock itself without an epoch or before it', () => {
  assert.equal(demoAnchor(T0, T0), T0);
  assert.equal(demoAnchor(T0, T0 + 23 * 3_600_000), T0);
  assert.equal(demoAnchor(T0, T0 + DAY_MS + 5), T0 + DAY_MS);
  assert.equal(demoAnchor(undefined, T0 + 7), T0 + 7);
  assert.equal(demoAnchor(T0, T0 - 1), T0 - 1);
});

/** Every stored resource's digest, by ARN. */
const digests = async (vigil: Awaited<ReturnType<typeof createVigil>>): Promise<Map<string, string>> =>
  new Map((await vigil.store.inventory.list({ limit: 10_000 })).map((r) => [r.arn, r.digest]));

test('a demo estate rescanned minutes later is the same estate; a day later it has aged', async () => {
  const clock = new ManualClock(new Date(T0).toISOString());
  const vigil = await createVigil(await loadConfig({ env: {}, flags: { store: { url: ':memory:' }, demo: { size: 400 } } }), { clock });
  try {
    const first = await vigil.scan('demo');
    assert.equal(first.opened, first.findings);
    const stored = await digests(vigil);
    // Without the stored epoch the estate's creation dates and last logins would move with the clock
    // (hours later, resources that start failing an age limit keep their snapshot: a real change).
    clock.set(T0 + 10 * 60_000);
    const again = await vigil.scan('demo');
    assert.deepEqual(await digests(vigil), stored);
    assert.equal(again.opened + again.reopened + again.resolved, 0);
    assert.equal((await vigil.store.scans.get(again.scanId))?.stats['demoEpoch'], T0);
    clock.set(T0 + DAY_MS + 3_600_000);
    await vigil.scan('demo');
    const aged = await digests(vigil);
    assert.equal(aged.size, stored.size);
    assert.ok([...aged].some(([arn, d]) => stored.get(arn) !== d), 'a day later no timestamp moved');
  } finally {
    await vigil.close();
  }
});
