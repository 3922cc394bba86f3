// A worker process for the crash-safety test: consumes family `crash` from the embedded bus (SQLite
// file) or NATS until killed. Its action appends the resource's key to an effects file (and reads
// that file to see whether the resource complies), so a double action shows as a repeated line.
// argv: <db file> <effects file> <embedded|nats> [nats url] [environment]
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import type { Bus } from '../bus/bus.js';
import { EmbeddedBus } from '../bus/embedded/embedded-bus.js';
import { NatsBus } from '../bus/nats/nats-bus.js';
import { systemClock } from '../common/clock.js';
import { Registry } from '../common/registry.js';
import type { EnforcementAction } from '../enforcers/enforcement-action.js';
import { EnforcementService } from '../enforcers/enforcement-service.js';
import { DEFAULT_ENFORCEMENT_SETTINGS } from '../enforcers/enforcement-settings.js';
import { BusWorker } from '../enforcers/enforcement-worker.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

const [db, effects, kind, natsUrl, environment] = process.argv.slice(2) as [string, string, string, string?, string?];
const lines = () => (existsSync(effects) ? readFileSync(effects, 'utf8').split('\n').filter(Boolean) : []);
const mark: EnforcementAction<Record<string, never>, { done: boolean }> = {
  name: 'crash.mark',
  description: 'Appends the resource to the effects file.',
  schema: Type.Object({}),
  resourceTypes: ['aws.s3.bucket'],
  risk: 'safe',
  reversible: false,
  permissions: ['test:Mark'],
  commands: [],
  read: async (ctx) => ({ done: lines().includes(ctx.resource.arn) }),
  compliant: (s) => s.done,
  apply: async (ctx) => {
    await sleep(3);
    appendFileSync(effects, `${ctx.resource.arn}\n`);
    await sleep(3);
  },
};

const store = openSqliteStore({ file: db, busyTimeoutMs: 30_000 });
await store.migrate();
const bus: Bus =
  kind === 'nats'
    ? await NatsBus.connect({ servers: natsUrl ?? '', environment: environment ?? '', maxDeliver: 50, ackWaitMs: 1_000 }, systemClock)
    : new EmbeddedBus(store.busQueue, systemClock, { maxDeliver: 50, ackWaitMs: 1_000, pollMs: 20 });
const service = new EnforcementService({
  store,
  actions: new Registry<EnforcementAction>('action', [mark]),
  aws: () => {
    throw new Error('no AWS here');
  },
  settings: { ...DEFAULT_ENFORCEMENT_SETTINGS, approvalFor: [], circuitBreaker: { maxPercent: 100, minResources: 0, windowHours: 1 } },
  clock: systemClock,
  actor: 'enforcer:crash',
  maxDeliver: bus.maxDeliver,
});
const worker = new BusWorker({ bus, family: 'crash', name: `crash#${process.pid}`, clock: systemClock, handle: (d) => service.handle(d), batchSize: 8, fetchWaitMs: 200 });
await worker.start();
process.stdout.write('ready\n');
