// Several manager processes on one store: each scheduled report run is produced and delivered once.
// Runs on SQLite (two connections to one file), PostgreSQL (two pools on one schema) and the fake.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ManualClock } from '../common/clock.js';
import type { Store } from '../store/store.js';
import { storeContract } from '../testing/store-contract.js';
import type { AuditorReport } from './auditor-report.js';
import { cronSchedule, everySchedule } from './report-schedule.js';
import { ReportScheduler, type ReportFile, type ReportPlan, type ReportSchedulerDeps } from './report-scheduler.js';

const plans: ReportPlan[] = [
  { name: 'weekly-dora', frameworkId: 'dora', kind: 'compliance', format: 'json', schedule: cronSchedule('0 6 * * 1'), runAtStart: false, organisation: 'Bank', pseudonymise: false, dir: '/reports', email: [] },
  { name: 'daily-activity', frameworkId: 'iso27001', kind: 'activity', format: 'csv', schedule: everySchedule('1d'), runAtStart: true, organisation: 'Bank', pseudonymise: false, dir: '/reports', email: [] },
];

/** A manager's scheduler on `store`; what it delivered lands in `sent` (plan and file name). */
const manager = (store: ReportSchedulerDeps['store'], clock: ManualClock, sent: string[], owner: string, opts: { crashOn?: string } = {}) =>
  new ReportScheduler({
    plans,
    store,
    clock,
    owner,
    leaseMs: 10 * 60_000,
    produce: async (plan, period) => {
      const bytes = Buffer.from(`${plan.name} ${period.to}`);
      return { report: { chain: { headSeq: 0 } } as unknown as AuditorReport, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    deliveries: {
      toDir: async (_dir: string, f: ReportFile) => {
        // A crash between claiming and delivering: the claim stays, held under the lease.
        if (opts.crashOn === f.plan.name) throw Object.assign(new Error('process killed'), { crash: true });
        sent.push(`${owner} ${f.fileName}`);
        return `/reports/${f.fileName}`;
      },
      toEmail: async () => undefined,
      toS3: async () => 's3://unused/',
      toChat: async () => undefined,
    },
  });

/** The store as a manager sees it when its process dies right after recording `report.delivered`, before the claim is completed. */
const dyingBeforeComplete = (store: Store, withTransaction: boolean): ReportSchedulerDeps['store'] => {
  const ports = (tx: Pick<Store, 'audit' | 'reportClaims'>) => ({
    audit: tx.audit,
    reportClaims: { claim: tx.reportClaims.claim.bind(tx.reportClaims), complete: async () => assert.fail('process killed') },
  });
  return withTransaction ? { ...ports(store), transaction: (fn) => store.transaction((tx) => fn(ports(tx))) } : ports(store);
};

await storeContract('report plans under several managers', (it, backend) => {
  it('a manager that dies between recording a delivery and completing its claim: another does not deliver the slot again, even one that read the trail before', async (store, fresh) => {
    const other = fresh.open();
    try {
      const clock = new ManualClock('2026-12-07T06:00:30Z');
      const sent: string[] = [];
      const b = manager(other, clock, sent, 'manager:b');
      await b.nextRuns(); // b has read the trail: nothing delivered yet
      // A store without transactions (the scheduler's fallback): report.delivered lands, the claim stays open.
      await manager(dyingBeforeComplete(store, false), clock, sent, 'manager:dying').runDue();
      // At start-up only the interval plan is due (its first run); the cron plan waits for next Monday.
      assert.deepEqual(sent, ['manager:dying daily-activity-20261207T060030Z.csv']);
      assert.equal((await store.audit.list({ types: ['report.delivered'] })).length, 1);
      clock.set('2026-12-07T06:10:31Z'); // the dead manager's lease has run out: b may take the slots over
      await b.runDue();
      assert.deepEqual(sent, ['manager:dying daily-activity-20261207T060030Z.csv'], 'b delivered nothing again');
      assert.equal((await store.audit.list({ types: ['report.delivered'] })).length, 1);
      assert.equal(await store.reportClaims.claim('daily-activity', 'first', 'manager:c', '2026-12-07T07:00:00.000Z', '2026-12-07T07:10:00.000Z'), 'done', 'b closed the slot');
    } finally {
      await other.close();
    }
  });

  it('with transactions, report.delivered and the claim completion commit together: a death between them leaves neither', async (store) => {
    const clock = new ManualClock('2026-12-07T06:00:30Z');
    const sent: string[] = [];
    const run = await manager(dyingBeforeComplete(store, true), clock, sent, 'manager:dying').runDue();
    assert.deepEqual(run.failed.map((f) => [f.plan, f.reason]), [['daily-activity', 'process killed']]);
    assert.deepEqual(await store.audit.list({ types: ['report.delivered'] }), [], 'the delivery record rolled back with the completion');
    assert.equal(await store.reportClaims.claim('daily-activity', 'first', 'manager:c', '2026-12-07T06:00:40.000Z', '2026-12-07T06:10:40.000Z'), 'held', 'the slot is still claimed, not done');
  });

  it('two managers on one store deliver each slot once, ticking at the same moment, slot after slot', async (store, fresh) => {
    const other = fresh.open();
    try {
      const clock = new ManualClock('2026-12-07T05:59:00Z'); // a Monday
      const sent: string[] = [];
      const a = manager(store, clock, sent, 'manager:a');
      const b = manager(other, clock, sent, 'manager:b');
      // Both tick at once; on SQLite one after the other (better-sqlite3 blocks this thread on the
      // other connection's write lock: two processes, as deployed, would wait for each other instead).
      const tick = async (x: ReportScheduler, y: ReportScheduler) => (backend.writers > 1 ? Promise.all([x.runDue(), y.runDue()]) : [await x.runDue(), await y.runDue()]);
      await tick(a, b); // the interval plan's first run
      clock.set('2026-12-07T06:00:30Z');
      await tick(a, b); // the cron slot
      await tick(b, a); // nothing due any more
      clock.set('2026-12-08T06:01:00Z');
      await tick(b, a); // the interval plan's second run
      const files = sent.map((s) => s.split(' ')[1]).sort();
      assert.deepEqual(files, ['daily-activity-20261207T055900Z.csv', 'daily-activity-20261208T060100Z.csv', 'weekly-dora-20261207T060000Z.json'], sent.join('\n'));
      const events = await store.audit.list({ types: ['report.delivered'] });
      assert.equal(events.length, 3);
    } finally {
      await other.close();
    }
  });

  it('a slot whose claimer crashed is retried by another manager once the lease runs out, not before', async (store, fresh) => {
    const other = fresh.open();
    try {
      const clock = new ManualClock('2026-12-07T06:00:30Z');
      const sent: string[] = [];
      const crashed = manager(store, clock, sent, 'manager:crashed', { crashOn: 'daily-activity' });
      await crashed.runDue();
      assert.deepEqual(sent.filter((s) => s.includes('daily-activity')), []);
      const b = manager(other, clock, sent, 'manager:b');
      clock.set('2026-12-07T06:05:00Z');
      await b.runDue();
      assert.deepEqual(sent.filter((s) => s.includes('daily-activity')), [], 'the crashed manager\'s lease still holds the slot');
      clock.set('2026-12-07T06:10:31Z');
      await b.runDue();
      assert.deepEqual(sent.filter((s) => s.includes('daily-activity')), ['manager:b daily-activity-20261207T061031Z.csv']);
      assert.equal(await store.reportClaims.claim('daily-activity', 'first', 'manager:c', '2026-12-07T07:00:00.000Z', '2026-12-07T07:10:00.000Z'), 'done');
    } finally {
      await other.close();
    }
  });
});
