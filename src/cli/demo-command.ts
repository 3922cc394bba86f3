import { Option, type Command } from 'commander';
import { DAY_MS, ManualClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { DEMO_APPROVER } from '../config/demo-teams.js';
import { createEnforcement, createManager, createVigil } from '../composition-root.js';
import type { PolicyException } from '../exceptions/policy-exception.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { days: string; start?: string; size?: string; fixRate: string; format: 'text' | 'json' };

/** One simulated day of the demo. */
export interface DemoDay {
  day: number;
  at: string;
  opened: number;
  resolved: number;
  remindersSent: number;
  enforcementRequested: number;
  /** Enforcement messages the enforcers handled this day, and how many of them changed the estate. */
  enforced: number;
  enforcementSkipped: number;
  awaitingApproval: number;
  approved: number;
  excepted: number;
  exceptionsExpired: number;
  /** Violations waiting for a security approval at the end of the day. */
  approvalsWaiting: number;
  digests: number;
  live: number;
}



/**
 * `vigil demo --days 14` plays the whole loop on the demo estate with a simulated clock: each day a
 * scan (owners fix a seeded share of the estate daily), a manager run (reminders as digests,
 * enforcement requests, exceptions), and the security team's decisions; a day-by-day timeline, or
 * with `--format json` the days and a summary.
 *
 * @example
 * await runCli(['demo', '--days', '14', '--format', 'json']);
 */
export const registerDemo = (program: Command, io: CliIo): void => {
  program
    .command('demo')
    .description('play N days of scans, reminders, exceptions, approvals and enforcement requests on the demo estate in seconds')
    .option('--days <n>', 'simulated days', '14')
    .option('--db <path|url>', 'keep the store here (default: in memory)')
    .option('--start <iso>', 'the first simulated day (default: today 09:00 UTC)')
    .option('--size <n>', 'demo estate size (default: config demo.size)')
    .option('--fix-rate <fraction>', 'share of the estate its owners fix each day', '0.12')
    .option('-c, --config <file>', 'configuration file')
    .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'))
    .action(async (flags: Flags) => {
      const days = Number(flags.days);
      if (!Number.isSafeInteger(days) || days < 1 || days > 366) throw new UsageError(`--days: "${flags.days}" is not a number of days between 1 and 366`, { field: 'days' });
      const fixRate = Number(flags.fixRate);
      if (!(fixRate >= 0 && fixRate <= 1)) throw new UsageError(`--fix-rate: "${flags.fixRate}" is not a fraction between 0 and 1`, { field: 'fix-rate' });
      const start = flags.start ?? `${new Date().toISOString().slice(0, 10)}T09:00:00.000Z`;
      if (Number.isNaN(Date.parse(start))) throw new UsageError(`--start: "${start}" is not an ISO-8601 date-time`, { field: 'start' });
      const t0 = new Date(start).toISOString();
      const base = await configFrom(io, { ...(flags.config ? { config: flags.config } : {}) });
      const security = base.owners.securityTeam ?? 'security';
      const securityTeam = base.teams?.[security] ?? { channels: {} };
      const config = await configFrom(io, { ...(flags.config ? { config: flags.config } : {}), db: flags.db ?? ':memory:' }, {
        scan: { ...base.scan, worker: false },
        demo: { ...base.demo, ...(flags.size ? { size: Number(flags.size) } : {}), fixPerDay: fixRate, fixFrom: t0 },
        // The demo's security team, so that approvals can be shown (reminders are recorded, not sent).
        owners: { ...base.owners, securityTeam: security },
        teams: { ...(base.teams ?? {}), [security]: { ...securityTeam, members: [...(securityTeam.members ?? []).filter((m) => m.name !== DEMO_APPROVER), { name: DEMO_APPROVER, security: true }] } },
        // The demo estate is enforced on (a config that says dry-run is honoured); the enforcers run in this process, on the embedded bus.
        enforcement: { ...base.enforcement, mode: base.enforcement.mode ?? 'enforce' },
        bus: { ...base.bus, kind: 'embedded' },
      } as never);
      const clock = new ManualClock(t0);
      const vigil = await createVigil(config, { clock });
      const exceptions: PolicyException[] = [];
      const timeline: DemoDay[] = [];
      const enforcement = await createEnforcement(vigil);
      try {
        const role = await createManager(vigil, { env: io.env, worker: 'demo', cwd: io.cwd, exceptions: async () => exceptions, bus: enforcement.bus });
        for (let day = 0; day < days; day++) {
          clock.set(Date.parse(t0) + day * DAY_MS);
          const at = clock.now().toISOString();
          const scan = await vigil.scan();
          // Day 1: the security team excuses one violation for five days (it comes back on day 6).
          if (day === 1) {
            const [v] = await vigil.store.violations.list({ states: ['reminded'], limit: 1, orderBy: 'age' });
            if (v) {
              exceptions.push({
                id: 'demo-migration-window', policies: [v.policyId], selector: { arn: v.resourceArn }, justification: 'Migration in progress, tracked in SEC-101',
                requestedBy: v.owner ?? 'owner', approvedBy: DEMO_APPROVER, expiresAt: new Date(Date.parse(at) + 5 * DAY_MS).toISOString(),
                source: { file: 'demo', line: 1, col: 1 },
              });
            }
          }
          const r = await role.manager.runOnce();
          // The manager's enforcement requests go to the bus, and the enforcers act on the demo estate (the next day's scan shows it).
          await role.relayOnce();
          const outcomes = await enforcement.drain();
          // The security team approves the oldest waiting enforcement each day.
          const waiting = await vigil.store.violations.list({ states: ['awaiting-approval'], limit: 1, orderBy: 'age' });
          let approved = 0;
          for (const w of waiting) {
            await role.approvals.decide(w.id, 'approved', DEMO_APPROVER, 'demo: change window agreed');
            approved++;
          }
          const live = await vigil.store.violations.count({ states: ['open', 'reminded', 'due', 'awaiting-approval', 'enforcing', 'failed'] });
          const d: DemoDay = {
            day, at, opened: scan.opened + scan.reopened, resolved: scan.resolved, remindersSent: r.reminded, enforcementRequested: r.enforcementRequested,
            enforced: outcomes.filter((o) => o.kind === 'succeeded').length, enforcementSkipped: outcomes.filter((o) => o.kind === 'skipped').length,
            awaitingApproval: r.awaitingApproval, approved, excepted: r.excepted, exceptionsExpired: r.exceptionsExpired,
            approvalsWaiting: await vigil.store.violations.count({ states: ['awaiting-approval'] }), digests: r.digests, live,
          };
          timeline.push(d);
          if (flags.format === 'text') {
            println(io.stdout, `day ${String(day).padStart(2)} ${at.slice(0, 10)}  opened ${d.opened}, resolved ${d.resolved} | reminders ${d.remindersSent} in ${d.digests} digests, enforcement requested ${d.enforcementRequested}, enforced ${d.enforced}${d.enforcementSkipped ? ` (${d.enforcementSkipped} skipped)` : ''}, excepted ${d.excepted}${d.exceptionsExpired ? `, exception expired ${d.exceptionsExpired}` : ''}, approvals waiting ${d.approvalsWaiting}${approved ? ` (${approved} approved)` : ''} | live ${d.live}`);
          }
        }
        const sum = (k: keyof DemoDay) => timeline.reduce((n, d) => n + (d[k] as number), 0);
        const states = Object.fromEntries((await vigil.store.violations.group(['state'])).map((g) => [g.key.state, g.count]));
        const summary = {
          start: t0, days, fixRate,
          opened: sum('opened'), resolved: sum('resolved'), remindersSent: sum('remindersSent'), digests: sum('digests'),
          enforcementRequested: sum('enforcementRequested'), enforced: sum('enforced'), excepted: sum('excepted'), exceptionsExpired: sum('exceptionsExpired'),
          approved: sum('approved'), approvalsWaiting: timeline.at(-1)?.approvalsWaiting ?? 0, states,
          outbox: { notifications: (await vigil.store.outbox.list({ kind: 'notification' })).length, enforcementRequests: (await vigil.store.outbox.list({ kind: 'enforcement' })).length },
        };
        if (flags.format === 'json') println(io.stdout, JSON.stringify({ summary, timeline }, null, 2));
        else println(io.stdout, `\n${days} days: ${summary.remindersSent} reminders in ${summary.digests} digests, ${summary.enforcementRequested} enforcement requests, ${summary.enforced} enforced by the enforcers, ${summary.resolved} resolved (fixed by their owners or enforced), ${summary.excepted} excepted, ${summary.approved} approved, ${summary.approvalsWaiting} approvals waiting. States now: ${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      } finally {
        await enforcement.close();
        await vigil.close();
      }
    });
};
