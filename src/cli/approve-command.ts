import type { Command } from 'commander';
import { createManager, createVigil } from '../composition-root.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { by: string; reason?: string };

/**
 * `vigil approve <violation-id> --by <person> [--reason]` and `vigil reject …`: a security team
 * member's decision on disruptive enforcement, recorded with who and when; the next manager run acts on it.
 *
 * @example
 * await runCli(['approve', 'v-3f2a', '--by', 'alice@example.com', '--reason', 'CHG-42']);
 */
export const registerApprove = (program: Command, io: CliIo): void => {
  for (const [name, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    withSharedOptions(
      program
        .command(name)
        .argument('<violation-id>', 'a violation awaiting approval (see `vigil violations list --state awaiting-approval`)')
        .requiredOption('--by <person>', 'who decides: a member of the security team (name or e-mail, as in config teams)')
        .option('--reason <text>', 'why (a change ticket, a risk note)')
        .description(decision === 'approved' ? 'approve the enforcement a violation is waiting for' : 'reject it: the violation stays reported, nothing is enforced'),
    ).action(async (id: string, flags: Flags) => {
      const config = await configFrom(io, flags);
      const vigil = await createVigil(config);
      try {
        const role = await createManager(vigil, { env: io.env, worker: `cli-${process.pid}`, cwd: io.cwd });
        const v = await role.approvals.decide(id, decision, flags.by, flags.reason ?? null);
        println(io.stdout, `${id} ${decision} by ${flags.by} at ${v.nextActionAt}; ${decision === 'approved' ? 'enforcement is requested at the next manager run (vigil manage)' : 'it stays reported, nothing will be enforced'}`);
      } finally {
        await vigil.close();
      }
    });
  }
};
