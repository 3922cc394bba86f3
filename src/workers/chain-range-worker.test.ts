import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { openAuditTrail } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { tempDir } from '../testing/cli-harness.js';

it('audit verify on worker threads: each range on its own connection, the same verdict as streaming, a changed record named', async () => {
  const dir = await tempDir('vigil-verify-workers-');
  const config = await loadConfig({ env: {}, flags: { store: { url: join(dir.path, 'vigil.db') } } });
  const trail = await openAuditTrail(config);
  try {
    const events = Array.from({ length: 900 }, (_, i) => ({ type: 'violation.opened', subjectKind: 'violation' as const, subjectId: `v-${i}`, actor: 'scanner', at: '2026-11-22T00:00:00.000Z', data: { n: i } }));
    for (let i = 0; i < events.length; i += 100) await trail.store.audit.append(events.slice(i, i + 100));
    const inWorkers = await trail.verify({ workers: 2, parallelFrom: 1, pageSize: 50 });
    assert.deepEqual([inWorkers.ok, inWorkers.checked, inWorkers.head], [true, 900, (await trail.verify({ workers: 1 })).head]);
    const db = new Database(join(dir.path, 'vigil.db'));
    db.exec('drop trigger audit_events_no_update');
    db.prepare(`update audit_events set data = '{"n":9999}' where seq = 700`).run();
    db.close();
    const broken = await trail.verify({ workers: 2, parallelFrom: 1, pageSize: 50 });
    assert.deepEqual([broken.ok, broken.firstBreak?.seq, broken.firstBreak?.reason], [false, 700, 'changed']);
  } finally {
    await trail.close();
    await dir.cleanup();
  }
});
