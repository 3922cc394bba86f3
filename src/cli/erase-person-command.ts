import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { systemClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { openAuditTrail } from '../composition-root.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/**
 * `vigil erase-person <email|name>`: erases a person from every record that can hold them (resource
 * and violation owners, tags and configuration snapshots, evidence, queued notifications, approvals:
 * see PersonalDataStore) and records, in the same transaction, a `person.erased` event that says an
 * erasure happened (an erasure id and how many records changed), never whom. Audit events are not
 * rewritten: the person's audit key is destroyed instead, so what the events sealed for them reads
 * "[erased]" and the chain stays verifiable (docs/audit.md, "Personal data and the immutable trail").
 *
 * @example await runCli(['erase-person', 'alice@example.com', '--db', '.vigil/vigil.db']);
 */
export const registerErasePerson = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('erase-person')
      .argument('<person>', 'the e-mail address or name to erase, spelt as the records hold it')
      .description("erase a person's data (owners, tags, evidence, notifications, approvals), recording that an erasure happened but not what"),
  ).action(async (person: string, flags: SharedFlags) => {
    const who = person.trim();
    if (who.length < 2) throw new UsageError('erase-person: give the e-mail address or name to erase');
    const config = await configFrom(io, flags);
    const trail = await openAuditTrail(config);
    try {
      const erasureId = randomUUID();
      // What stands where the person stood (approvals keep a decider): the erasure's id, nothing of the person.
      const replacement = `erased:${erasureId.slice(0, 8)}`;
      const at = systemClock.now().toISOString();
      const counts = await trail.store.transaction(async (tx) => {
        const changed = await tx.personalData.erase(who, replacement);
        await tx.audit.append([{ type: 'person.erased', subjectKind: 'system', subjectId: erasureId, actor: `cli:${io.env.USER ?? 'unknown'}`, at, data: { erasureId, ...changed } }]);
        return changed;
      });
      await trail.checkpointer.checkpoint(trail.store);
      await trail.store.personalData.purgeFreed();
      println(
        io.stdout,
        `erasure ${erasureId}: ${counts.resources} resource(s), ${counts.violations} violation(s), ${counts.notifications} notification(s), ${counts.approvals} approval(s) changed, ${counts.auditKeys} audit key destroyed (what the trail sealed for them reads "[erased]"); recorded as person.erased (without the person). ` +
          'Also remove them from owner tags in the cloud and from owners.accounts/teams in the configuration, or the next scan brings them back.',
      );
    } finally {
      await trail.close();
    }
  });
};
