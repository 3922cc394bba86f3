import type { Command } from 'commander';
import { UsageError } from '../common/vigil-error.js';
import { createEnforcement, createVigil } from '../composition-root.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

const ROLE = /^enforcer:([a-z0-9][a-z0-9-]*|\*)$/;

/** `vigil rollback <action-id>` (`iam-policy` and `worker` take the enforcer components too). */
export const registerEnforcement = (program: Command, io: CliIo): void => {
  withSharedOptions(program.command('rollback <action-id>').description('Undo a reversible enforcement action from its recorded before-state (recorded in the audit trail).'))
    .option('--actor <actor>', 'who asks, for the audit trail', 'user:cli')
    .action(async (actionId: string, flags: SharedFlags & { actor: string }) => {
      const vigil = await createVigil(await configFrom(io, flags));
      const enforcement = await createEnforcement(vigil);
      try {
        const rb = await enforcement.rollback(actionId, flags.actor);
        println(io.stdout, `rolled back ${actionId}: ${rb.id} (${rb.action} on ${rb.resourceArn})`);
      } finally {
        await enforcement.close();
        await vigil.close();
      }
    });
};

/**
 * `vigil worker --role enforcer:<family>|enforcer:*`: runs the family's workers until SIGINT/SIGTERM
 * (or `signals.until`). The `worker` command itself is registered once, in manage-command.ts.
 */
export const runEnforcerWorkers = async (io: CliIo, flags: SharedFlags & { role: string }, signals: { until?: Promise<void> } = {}): Promise<void> => {
  const m = ROLE.exec(flags.role);
  if (!m) throw new UsageError(`--role must be enforcer:<family> or enforcer:*, not "${flags.role}"`, { field: 'role' });
  const vigil = await createVigil(await configFrom(io, flags));
  const enforcement = await createEnforcement(vigil);
  const families = m[1] === '*' ? enforcement.families() : [m[1] as string];
  for (const f of families) if (!enforcement.families().includes(f)) throw new UsageError(`no enforcement actions in family "${f}"; families: ${enforcement.families().join(', ')}`);
  const workers = families.map((f) => enforcement.worker(f));
  for (const w of workers) {
    w.on('error', (e: Error) => println(io.stderr, JSON.stringify({ level: 'warn', msg: e.message })));
    await w.start();
  }
  println(io.stdout, `enforcers running on the ${enforcement.bus.kind} bus: ${families.join(', ')} (mode ${enforcement.settings.mode})`);
  await (signals.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await Promise.all(workers.map((w) => w.stop()));
  for (const w of workers) println(io.stdout, JSON.stringify(w.status()));
  await enforcement.close();
  await vigil.close();
};

/** Whether a `--role` names enforcers. */
export const isEnforcerRole = (role: string): boolean => ROLE.test(role);
