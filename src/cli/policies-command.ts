import type { Command } from 'commander';
import { Option } from 'commander';
import Table from 'cli-table3';
import { loadPolicySet } from '../composition-root.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/** `vigil policies list`: the built-in and custom policies with their frameworks, action and risk. */
export const registerPolicies = (program: Command, io: CliIo): void => {
  const policies = program.command('policies').description('inspect the loaded policies');
  withSharedOptions(
    policies
      .command('list')
      .description('list policies: id, title, resource type, severity, frameworks, enforcement action, risk')
      .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'json']).default('table')),
  ).action(async (flags: SharedFlags & { format: string }) => {
    const { policies: list } = await loadPolicySet(await configFrom(io, flags));
    const rows = [...list]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p) => ({
        id: p.id,
        title: p.title,
        resource: p.resource,
        severity: p.severity,
        frameworks: p.frameworks,
        enforce: p.remediation.enforce ?? null,
        risk: p.remediation.risk ?? null,
        approval: p.remediation.approval ?? false,
        builtin: p.builtin,
        enabled: p.enabled !== false,
        ...(p.disabledReason ? { disabledReason: p.disabledReason } : {}),
        source: `${p.source.file}:${p.source.line}`,
      }));
    if (flags.format === 'json') {
      println(io.stdout, JSON.stringify(rows, null, 2));
      return;
    }
    const t = new Table({ head: ['id', 'severity', 'resource', 'frameworks', 'enforce', 'risk'], style: { head: [], border: [] } });
    for (const r of rows) {
      t.push([
        r.enabled ? r.id : `${r.id} (disabled)`,
        r.severity,
        Array.isArray(r.resource) ? r.resource.join('\n') : r.resource,
        Object.keys(r.frameworks).join(', '),
        r.enforce ?? '',
        r.risk ?? '',
      ]);
    }
    println(io.stdout, t.toString());
    println(io.stdout, `${rows.length} policies (${rows.filter((r) => r.builtin).length} built-in, ${rows.filter((r) => !r.builtin).length} custom)`);
  });
};
