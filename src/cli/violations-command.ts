import { Option, type Command } from 'commander';
import { UsageError } from '../common/vigil-error.js';
import { createVigil } from '../composition-root.js';
import { ladderFor } from '../escalation/ladder.js';
import { ladderPosition } from '../escalation/ladder-position.js';
import { describeLadder } from '../escalation/managed-policy.js';
import { managedPolicies } from '../escalation/managed-policies.js';
import { VIOLATION_STATES, type ViolationState } from '../violations/violation.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';
import { FORMATS, writeViolations, type Format } from './violation-formats.js';

type ListFlags = SharedFlags & { owner?: string; state?: string[]; policy?: string[]; dueBefore?: string; format: Format; limit: string };

/**
 * `vigil violations list [--owner --state --policy --due-before]` and `vigil violations show <id>`
 * (evidence, ladder position, next step and its date, and the full history from the audit trail).
 *
 * @example
 * await runCli(['violations', 'list', '--state', 'awaiting-approval', '--format', 'json']);
 * await runCli(['violations', 'show', 'v-3f2a']);
 */
export const registerViolations = (program: Command, io: CliIo): void => {
  const cmd = program.command('violations').description('list violations, or show one with its ladder and history');
  withSharedOptions(
    cmd
      .command('list')
      .description('violations, most urgent action first')
      .option('--owner <team>', 'only this owner')
      .addOption(new Option('--state <state...>', 'only these states').choices([...VIOLATION_STATES]))
      .option('--policy <id...>', 'only these policies')
      .option('--due-before <iso>', 'only those whose next action is at or before this instant')
      .option('--limit <n>', 'most rows', '1000')
      .addOption(new Option('-f, --format <format>', 'output').choices([...FORMATS]).default('table')),
  ).action(async (flags: ListFlags) => {
    if (flags.dueBefore !== undefined && Number.isNaN(Date.parse(flags.dueBefore))) throw new UsageError(`--due-before: "${flags.dueBefore}" is not an ISO-8601 date-time`, { field: 'due-before' });
    const limit = Number(flags.limit);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit: "${flags.limit}" is not a positive integer`, { field: 'limit' });
    const config = await configFrom(io, flags);
    const vigil = await createVigil(config);
    try {
      const rows = await vigil.store.violations.list({
        ...(flags.owner ? { owner: flags.owner } : {}),
        ...(flags.state ? { states: flags.state as ViolationState[] } : {}),
        ...(flags.policy ? { policyIds: flags.policy } : {}),
        ...(flags.dueBefore ? { actionDueBy: new Date(flags.dueBefore).toISOString() } : {}),
        limit,
      });
      // Most urgent first: the soonest next action, then those with none.
      rows.sort((a, b) => (a.nextActionAt ?? '\uffff').localeCompare(b.nextActionAt ?? '\uffff') || a.id.localeCompare(b.id));
      if (flags.format !== 'table') {
        await writeViolations(io.stdout, flags.format, (async function* () { yield rows; })());
        return;
      }
      for (const v of rows) println(io.stdout, `${v.id}  ${v.state.padEnd(17)} ${String(v.remindersSent).padStart(2)}  next ${v.nextActionAt ?? '-'.padEnd(24)}  ${v.severity.padEnd(8)} ${v.owner ?? '(unowned)'}  ${v.policyId}  ${v.resourceArn}`);
      println(io.stdout, `${rows.length} violation${rows.length === 1 ? '' : 's'}`);
    } finally {
      await vigil.close();
    }
  });

  withSharedOptions(
    cmd
      .command('show')
      .argument('<id>', 'a violation id')
      .description('one violation: evidence, ladder position, next step and its date, full history')
      .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text')),
  ).action(async (id: string, flags: SharedFlags & { format: 'text' | 'json' }) => {
    const config = await configFrom(io, flags);
    const vigil = await createVigil(config);
    try {
      const v = await vigil.store.violations.get(id);
      if (!v) throw new UsageError(`no violation ${id} (see \`vigil violations list\`)`, { id });
      const policy = managedPolicies(vigil.policies).get(v.policyId);
      const org = await vigil.provider().organization().catch(() => ({ accounts: [] as { id: string; ou?: string }[] }));
      const ou = org.accounts.find((a) => a.id === v.accountId)?.ou ?? null;
      const ladder = policy ? ladderFor(policy, config.escalation, ou) : null;
      const position = ladder ? ladderPosition(v, ladder) : null;
      const history = (await vigil.store.audit.list({ subjectKind: 'violation', subjectId: id, limit: 10_000 })).map((e) => ({ at: e.at, type: e.type, actor: e.actor, data: e.data }));
      const approvals = await vigil.store.approvals.history(id);
      if (flags.format === 'json') {
        println(io.stdout, JSON.stringify({ violation: v, policy: policy ? { id: policy.id, title: policy.title, guidance: policy.remediation.guidance } : null, ladder: ladder && describeLadder(ladder), position, approvals, history }, null, 2));
        return;
      }
      println(io.stdout, `${v.id}  ${policy?.title ?? v.policyId}  [${v.severity}]`);
      println(io.stdout, `  resource   ${v.resourceArn}  (${v.resourceType}, ${v.accountId}, ${v.region})`);
      println(io.stdout, `  owner      ${v.owner ?? '(unowned)'}`);
      println(io.stdout, `  state      ${v.state} since ${v.stateChangedAt}; first seen ${v.firstSeenAt}, last seen ${v.lastSeenAt}`);
      for (const e of v.evidence) println(io.stdout, `  evidence   ${e.path}: expected ${e.expected}, found ${JSON.stringify(e.actual)}`);
      if (policy) println(io.stdout, `  fix        ${policy.remediation.guidance}`);
      if (ladder && position) {
        println(io.stdout, `  ladder     ${describeLadder(ladder)}; ${position.reminders.sent} of ${position.reminders.of} reminders sent`);
        println(io.stdout, `  next       ${position.next ? `${position.next.what}${position.next.at ? ` on ${position.next.at}` : ''}` : 'nothing scheduled'}`);
      }
      for (const a of approvals) println(io.stdout, `  ${a.decision.padEnd(10)} by ${a.by} at ${a.at}${a.reason ? `: ${a.reason}` : ''}`);
      println(io.stdout, '  history');
      for (const h of history) println(io.stdout, `    ${h.at}  ${h.type.padEnd(28)} ${h.actor}`);
    } finally {
      await vigil.close();
    }
  });
};
