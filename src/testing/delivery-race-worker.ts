// A delivery worker in its own process, for the "two workers race on one SQLite file" test:
//   node --import tsx src/testing/delivery-race-worker.ts <sqlite-file> <sink-url> <worker-name> <now-iso>
// Prints the DeliveryReport as JSON. Two of these started together are two real processes contending
// for the file lock, which one process with two connections cannot show (better-sqlite3 blocks its thread).
import { NotificationDeliveryService } from '../notifications/notification-delivery-service.js';
import { KyselyOutboxStore } from '../store/kysely/kysely-outbox-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { raceTeams, sqliteFileSession } from './delivery-race.js';
import { testNotifiers } from './notification-fixture.js';

const [file, sinkUrl, worker, now] = process.argv.slice(2) as [string, string, string, string];
const session = sqliteFileSession(file);
const audit = openSqliteStore({ file });
const service = new NotificationDeliveryService({
  outbox: new KyselyOutboxStore(session),
  audit: audit.audit,
  notifiers: testNotifiers({ HOOK_SECRET: 's' }),
  teams: raceTeams(sinkUrl),
  worker,
  // One row per claim, so both processes keep coming back for more while the other is sending.
  settings: { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 3_600_000, leaseMs: 120_000, batchSize: 1 },
});
const report = await service.deliverPending(new Date(now));
await audit.close();
await session.destroy();
process.stdout.write(JSON.stringify(report));
