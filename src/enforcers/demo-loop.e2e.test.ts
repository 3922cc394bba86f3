import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DAY_MS, ManualClock } from '../common/clock.js';
import { createEnforcement, createManager, createVigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';

// The whole loop a user watches with `vigil demo`, in one process on a SQLite file: scan → violations →
// reminders → enforcement request (outbox) → relay → embedded bus → enforcer acts on the demo estate
// (the overlay file beside the database) → the next scan (on the scan worker thread) finds it resolved,
// every step in the audit trail.
test('on the demo estate an enforced violation is resolved by the next scan, and the audit trail tells the story', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-demo-loop-'));
  const db = join(dir, 'vigil.db');
  try {
    const config = await loadConfig({ env: {}, flags: { store: { url: db }, demo: { size: 300 } } });
    assert.equal(config.enforcement.mode, undefined, 'no mode in config: the demo estate is enforced on');
    const t0 = Date.parse('2026-12-01T09:00:00.000Z');
    const clock = new ManualClock(new Date(t0).toISOString());
    const vigil = await createVigil(config, { clock });
    const enforcement = await createEnforcement(vigil);
    assert.equal(enforcement.settings.mode, 'enforce');
    const role = await createManager(vigil, { env: {}, worker: 'e2e', exceptions: async () => [], bus: enforcement.bus });
    try {
      const succeeded: string[] = [];
      const reversibleDone = async () => {
        for (const id of succeeded) if (enforcement.actions.get((await vigil.store.enforcementActions.get(id))!.action).reversible) return true;
        return false;
      };
      // Until an action the rollback below can undo has run.
      for (let day = 0; day < 12 && !(await reversibleDone()); day++) {
        clock.set(t0 + day * DAY_MS);
        await vigil.scan();
        const run = await role.runOnce();
        if (run.manager.enforcementRequested > 0) assert.ok(run.relay.published > 0, 'requests reach the bus in the run that made them');
        for (const o of await enforcement.drain()) if (o.kind === 'succeeded') succeeded.push(o.actionId);
      }
      assert.ok(await reversibleDone(), 'a reversible enforcement succeeded within twelve simulated days');
      const records = await Promise.all(succeeded.map((id) => vigil.store.enforcementActions.get(id)));
      // One the rollback below can undo, when there is one.
      const record = records.find((r) => r && enforcement.actions.get(r.action).reversible);
      assert.ok(record);
      assert.equal(record.dryRun, false);
      assert.equal((await vigil.store.violations.get(record.violationId))?.state, 'enforced');
      assert.ok(existsSync(`${db}.demo-overlay.json`), 'the change is kept beside the database');

      clock.set(clock.now().getTime() + DAY_MS);
      const next = await vigil.scan();
      const v = await vigil.store.violations.get(record.violationId);
      assert.equal(v?.state, 'resolved', `${record.action} on ${record.resourceArn}: the next scan sees it fixed`);
      assert.ok(next.resolved >= 1);

      const events = (await vigil.store.audit.list({ limit: 100_000 })).filter((e) => e.subjectId === record.violationId || e.subjectId === record.id);
      const types = events.map((e) => e.type);
      for (const t of ['violation.opened', 'enforcement.succeeded', 'violation.enforced', 'violation.resolved']) assert.ok(types.includes(t), `${t} in ${types.join(', ')}`);
      assert.ok(types.indexOf('violation.enforced') < types.lastIndexOf('violation.resolved'));
      assert.equal((await vigil.store.outbox.list({ kind: 'enforcement', status: 'pending' })).length, 0, 'every request relayed');

      // Rollback puts the resource back as it was: the scan after it finds the violation again.
      await enforcement.rollback(record.id, 'user:e2e');
      clock.set(clock.now().getTime() + DAY_MS);
      await vigil.scan();
      const back = await vigil.store.violations.list({ policyIds: [v!.policyId], limit: 10_000 });
      assert.ok(back.some((x) => x.resourceArn === record.resourceArn && x.state !== 'resolved'), 'reopened after the rollback');
    } finally {
      await role.close();
      await enforcement.close();
      await vigil.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
