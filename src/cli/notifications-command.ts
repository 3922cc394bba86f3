import { Option, type Command } from 'commander';
import { UsageError } from '../common/vigil-error.js';
import { openScannedStore } from '../composition-root.js';
import { deliveryDetail, listDeliveries } from '../reports/notification-deliveries.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { format: 'table' | 'json'; status?: 'pending' | 'sent' | 'dead'; recipient?: string; limit: string };

/**
 * `vigil notifications [id]` — the owners' digests and how their delivery went: sent, pending (with
 * the next attempt) or dead (with the reason, per channel). With an id: that digest's channel outcomes.
 *
 * @example
 * await runCli(['notifications', '--status', 'dead', '--db', '.vigil/vigil.db']);
 */
export const registerNotifications = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('notifications')
      .argument('[id]', 'one digest: its reminders and each channel attempt')
      .description('owners\' digests and their delivery (sent, pending, dead)')
      .addOption(new Option('--status <status>', 'only these').choices(['pending', 'sent', 'dead']))
      .option('--recipient <team>', 'only this owner')
      .option('--limit <n>', 'most digests listed', '50')
      .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'json']).default('table')),
  ).action(async (id: string | undefined, flags: Flags) => {
    const config = await configFrom(io, flags);
    if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1) throw new UsageError(`--limit must be a whole number ≥ 1, got ${JSON.stringify(flags.limit)}`);
    if (id !== undefined && !/^\d+$/.test(id)) throw new UsageError(`a notification id is a number, got ${JSON.stringify(id)}`);
    const store = await openScannedStore(config);
    try {
      if (id !== undefined) {
        const detail = store ? await deliveryDetail(store, Number(id)) : undefined;
        if (!detail) throw new UsageError(`no notification ${id}`);
        if (flags.format === 'json') return println(io.stdout, JSON.stringify(detail, null, 2));
        println(io.stdout, `#${detail.id} to ${detail.recipient} (run ${detail.runAt}): ${detail.items} reminder(s), ${detail.status} after ${detail.attempts} failed attempt(s)`);
        for (const c of detail.channels) println(io.stdout, `  ${c.at}  ${c.type.padEnd(20)} ${String(c.channel ?? '-').padEnd(8)} ${c.target ?? ''}${c.error ? `  ${c.error}${c.dead ? ' (dead)' : ''}` : ''}`);
        return;
      }
      const rows = store ? await listDeliveries(store, { limit: Number(flags.limit), ...(flags.status ? { status: flags.status } : {}), ...(flags.recipient ? { recipient: flags.recipient } : {}) }) : [];
      if (flags.format === 'json') return println(io.stdout, JSON.stringify(rows, null, 2));
      if (!rows.length) return println(io.stdout, 'No notifications.');
      for (const r of rows) {
        const state = r.status === 'sent' ? `sent ${r.sentAt}` : r.status === 'pending' ? `pending, next attempt ${r.nextAttemptAt}` : `dead after ${r.attempts} attempt(s): ${r.lastError}`;
        println(io.stdout, `#${String(r.id).padEnd(6)} ${r.recipient.padEnd(20)} ${String(r.items).padStart(4)} reminder(s)  ${state}`);
      }
    } finally {
      await store?.close();
    }
  });
};
