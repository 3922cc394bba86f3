import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { createVigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { tempDir } from '../testing/cli-harness.js';

// The threaded scan must judge exactly as the in-thread one, organisation settings included: the
// worker compiles the policy set the caller loaded (with a per-OU parameter and a disabled control)
// rather than reading the YAML itself.
test('a scan on the worker thread finds what the same scan finds in this thread, organisation settings included', async () => {
  const dir = await tempDir();
  try {
    const controls = {
      'log-group-retention': { parameters: { minRetentionDays: 400 }, overrides: [{ ous: ['root/sandbox'], parameters: { minRetentionDays: 1 } }] },
      's3-versioning': { enabled: false, reason: 'versioning enforced by SCP' },
    };
    const run = async (worker: boolean) => {
      const config = await loadConfig({ env: {}, flags: { store: { url: join(dir.path, `${worker}.db`) }, demo: { seed: 7, size: 1500 }, scan: { worker, batchSize: 100 }, controls } });
      const vigil = await createVigil(config, { clock: new ManualClock('2026-06-01T00:00:00Z') });
      try {
        const report = await vigil.scan('demo');
        const ids = (await vigil.store.violations.list({ limit: 100_000 })).map((v) => v.id).sort();
        const results = (await vigil.store.scans.policyResults(report.scanId)).map((r) => `${r.policyId} ${r.accountId} ${r.region} ${r.evaluated} ${r.failed}`).sort();
        return { report, ids, results };
      } finally {
        await vigil.close();
      }
    };
    const threaded = await run(true);
    const inline = await run(false);
    assert.ok(threaded.ids.length > 50, 'the demo estate fails some controls');
    assert.deepEqual(threaded.ids, inline.ids);
    assert.deepEqual(threaded.results, inline.results);
    assert.equal(threaded.report.resources, inline.report.resources);
    assert.ok(!threaded.results.some((r) => r.startsWith('s3-versioning ')), 'a disabled control is not judged');
    const retention = threaded.results.filter((r) => r.startsWith('log-group-retention '));
    assert.ok(retention.some((r) => !r.endsWith(' 0')), 'the raised organisation minimum fails log groups');
  } finally {
    await dir.cleanup();
  }
});

// Two producer threads (`scan.producers`: a rescan of the demo estate split by type) must store
// exactly what one stores: the same violations with the same evidence and states, the same tallies,
// the same inventory digests. Two days on, the estate has aged (demo timestamps move in whole days),
// so the rescan also rewrites resources and re-judges age conditions.
test('a demo rescan split over two producer threads stores what one producer stores', async () => {
  const dir = await tempDir();
  try {
    const run = async (producers: number) => {
      const config = await loadConfig({ env: {}, flags: { store: { url: join(dir.path, `p${producers}.db`) }, demo: { seed: 11, size: 3000 }, scan: { worker: true, batchSize: 100, producers } } });
      const clock = new ManualClock('2026-06-01T00:00:00Z');
      const vigil = await createVigil(config, { clock });
      try {
        await vigil.scan('demo');
        clock.advance(2 * 86_400_000 + 3_600_000);
        const report = await vigil.scan('demo');
        const violations = (await vigil.store.violations.list({ limit: 100_000 })).map((v) => `${v.id} ${v.state} ${v.lastSeenAt} ${JSON.stringify(v.evidence)}`).sort();
        const results = (await vigil.store.scans.policyResults(report.scanId)).map((r) => `${r.policyId} ${r.accountId} ${r.region} ${r.evaluated} ${r.failed}`).sort();
        const inventory = await vigil.store.inventory.storedInventory();
        const digests = [...inventory.values()].flatMap((m) => [...m].map(([arn, d]) => `${arn} ${d}`)).sort();
        return { report, violations, results, digests };
      } finally {
        await vigil.close();
      }
    };
    const one = await run(1);
    const two = await run(2);
    assert.ok(one.violations.length > 50, 'the demo estate fails some controls');
    assert.ok(one.digests.length > 2500, 'the whole estate is stored');
    assert.ok(one.report.resolved + one.report.opened > 0, 'two days on, some verdicts changed');
    assert.deepEqual(two.violations, one.violations);
    assert.deepEqual(two.results, one.results);
    assert.deepEqual(two.digests, one.digests);
    for (const k of ['resources', 'opened', 'resolved', 'reopened', 'unownedCount'] as const) assert.equal(two.report[k], one.report[k], k);
  } finally {
    await dir.cleanup();
  }
});
