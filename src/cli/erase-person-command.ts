import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { systemClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { openAuditTrail } from '../composition-root.js';
import type { Violation } from '../violations/violation.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/**
 * `vigil erase-person <email|name>`: removes a person from the violations they own (owner cleared) and
 * records, in the same transaction, a `person.erased` event that says an erasure happened (an erasure
 * id and how many records changed), never whom. Audit events are not rewritten: the chain stays
 * verifiable (docs/audit.md, "Personal data and the immutable trail").
 *
 * @example await runCli(['erase-person', 'alice@example.com', '--db', '.vigil/vigil.db']);
 */
export const registerErasePerson = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('erase-person')
      .argument('<person>', 'the e-mail address or name to erase, as owner values hold it')
      .description("erase a person's data from violations (owner), recording that an erasure happened but not what"),
  ).action(async (person: string, flags: SharedFlags) => {
    const who = person.trim();
    if (who.length < 2) throw new UsageError('erase-person: give the e-mail address or name to erase');
    const config = await configFrom(io, flags);
    const trail = await openAuditTrail(config);
    try {
      const erasureId = randomUUID();
      const at = systemClock.now().toISOString();
      const changed = await trail.store.transaction(async (tx) => {
        let n = 0;
        for (;;) {
          const owned: Violation[] = await tx.violations.list({ owner: who, limit: 1_000 });
          if (!owned.length) break;
          await tx.violations.update(owned.map((v) => ({ ...v, owner: null, version: v.version + 1 })));
          n += owned.length;
        }
        await tx.audit.append([{ type: 'person.erased', subjectKind: 'system', subjectId: erasureId, actor: `cli:${io.env.USER ?? 'unknown'}`, at, data: { erasureId, violations: n } }]);
        return n;
      });
      await trail.checkpointer.checkpoint(trail.store);
      println(io.stdout, `erasure ${erasureId}: owner removed from ${changed} violation(s); recorded as person.erased (without the person). Also remove them from owner tags and owners.accounts, or the next scan brings the owner back.`);
    } finally {
      await trail.close();
    }
  });
};
