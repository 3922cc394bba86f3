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
