import type { Command } from 'commander';
import { UsageError } from '../common/vigil-error.js';
import { buildActions, createEnforcement, createVigil } from '../composition-root.js';
import { enforcerIamPolicy } from '../enforcers/enforcer-iam-policy.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

const ROLE = /^enforcer:([a-z0-9][a-z0-9-]*|\*)$/;

/**
 * `vigil iam-policy --component enforcer:<family>`, `vigil rollback <action-id>`,
 * `vigil worker --role enforcer:<family>|enforcer:*`.
 */
export const registerEnforcement = (program: Command, io: CliIo, signals: { until?: Promise<void> } = {}): void => {
  program
    .command('iam-policy')
    .description('Print the least-privilege IAM policy of a component, generated from the action registry.')
    .requiredOption('--component <component>', 'enforcer:<family> (e.g. enforcer:s3) or enforcer:*')
    .action(async (flags: { component: string }) => {
      const m = ROLE.exec(flags.component);
      if (!m) throw new UsageError(`--component must be enforcer:<family> or enforcer:*, not "${flags.component}"`, { field: 'component' });
      println(io.stdout, JSON.stringify(enforcerIamPolicy(await buildActions(), m[1] as string), null, 2));
    });

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

  withSharedOptions(program.command('worker').description('Run enforcers until SIGINT/SIGTERM: one family (enforcer:s3) or all (enforcer:*).'))
    .requiredOption('--role <role>', 'enforcer:<family> or enforcer:*')
    .action(async (flags: SharedFlags & { role: string }) => {
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
    });
};
