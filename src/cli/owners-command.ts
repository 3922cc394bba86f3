import { Option, type Command } from 'commander';
import { UsageError } from '../common/vigil-error.js';
import { openScannedStore } from '../composition-root.js';
import { channelProblems } from '../notifications/channel-check.js';
import { unownedReport, type UnownedReport } from '../reports/unowned-report.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { format: 'table' | 'json'; unowned?: boolean; limit: string };

/**
 * `vigil owners` — the configured teams (members, channel kinds) and how many resources nobody owns;
 * `--unowned` lists those resources (no owner tag, account team or OU team: they go to the fallback team).
 *
 * @example
 * await runCli(['owners', '--unowned', '--format', 'json', '--db', '.vigil/vigil.db']);
 */
export const registerOwners = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('owners')
      .description('teams and their channels (with what would stop a delivery), and the resources nobody owns (--unowned)')
      .option('--unowned', 'list the unowned resources')
      .option('--limit <n>', 'most unowned resources listed', '100')
      .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'json']).default('table')),
  ).action(async (flags: Flags) => {
    const config = await configFrom(io, flags);
    const limit = Number(flags.limit);
    if (!/^\d+$/.test(flags.limit) || limit < 1) throw new UsageError(`--limit must be a whole number ≥ 1, got ${JSON.stringify(flags.limit)}`);
    // Never scanned (no database yet): nothing to count, and no empty database created as a side effect.
    const store = await openScannedStore(config);
    try {
      const unowned: UnownedReport = store
        ? await unownedReport(store, config.owners, { limit: flags.unowned ? limit : 0 })
        : { fallback: config.owners.fallback, count: null, scanId: null, resources: [] };
      const teams = Object.entries(config.teams ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, t]) => ({ name, members: (t.members ?? []).map((m) => m.name), channels: Object.keys(t.channels).filter((k) => (t.channels as Record<string, unknown>)[k] !== undefined).sort() }));
      const problems = channelProblems(config, io.env);
      if (flags.format === 'json') {
        println(io.stdout, JSON.stringify({ fallback: config.owners.fallback, teams, problems, unowned }, null, 2));
        return;
      }
      for (const t of teams) println(io.stdout, `${t.name.padEnd(24)} ${String(t.members.length).padStart(3)} members  channels: ${t.channels.join(', ') || 'none (reminders are recorded as undeliverable)'}`);
      if (!teams.length) println(io.stdout, 'No teams configured (config `teams:`): reminders cannot be delivered.');
      for (const p of problems) println(io.stdout, `problem: ${p}`);
      println(io.stdout, unowned.count === null ? 'Unowned resources: not scanned yet.' : `Unowned resources: ${unowned.count} (no owner tag, account or OU team; reminders go to "${unowned.fallback}")`);
      for (const r of unowned.resources) println(io.stdout, `  ${r.arn}  ${r.type}  ${r.accountId}  ${r.region}`);
    } finally {
      await store?.close();
    }
  });
};
