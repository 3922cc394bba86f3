import { Type } from '@sinclair/typebox';
import type { BusDelivery } from '../bus/bus.js';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import { ManualClock } from '../common/clock.js';
import { Registry } from '../common/registry.js';
import type { AwsClientFactory } from '../enforcers/aws-api.js';
import type { EnforcementAction } from '../enforcers/enforcement-action.js';
import { EnforcementService } from '../enforcers/enforcement-service.js';
import { DEFAULT_ENFORCEMENT_SETTINGS, type EnforcementSettings } from '../enforcers/enforcement-settings.js';
import type { Store } from '../store/store.js';
import type { Violation } from '../violations/violation.js';
import { allActions } from '../enforcers/actions/all-actions.js';

export const HARNESS_NOW = '2026-12-09T10:00:00.000Z';

/**
 * An estate in a Map: the target of the test actions (`test.lock`, irreversible `test.shred`, no-op
 * `test.noop`). `applies` counts real changes, so a test can tell "acted once" from "acted twice".
 */
export class FakeEstate {
  readonly locked = new Map<string, boolean>();
  applies = 0;
  /** Errors the next applies throw, in order. */
  failures: Error[] = [];
  /** When true, apply pretends to succeed but changes nothing (verification must catch it). */
  ignoreWrites = false;
}

export const testActions = (estate: FakeEstate): EnforcementAction[] => {
  const lock: EnforcementAction<{ force: boolean }, { locked: boolean }> = {
    name: 'test.lock',
    description: 'Locks a resource of the fake estate.',
    schema: Type.Object({ force: Type.Boolean({ default: false }) }, { additionalProperties: false }),
    resourceTypes: ['aws.s3.bucket'],
    risk: 'safe',
    reversible: true,
    permissions: ['test:Lock'],
    commands: [],
    read: async (ctx) => ({ locked: estate.locked.get(ctx.resource.arn) === true }),
    compliant: (s) => s.locked,
    apply: async (ctx) => {
      const f = estate.failures.shift();
      if (f) throw f;
      estate.applies++;
      if (!estate.ignoreWrites) estate.locked.set(ctx.resource.arn, true);
    },
    undo: async (ctx, before) => {
      estate.locked.set(ctx.resource.arn, before.locked);
    },
  };
  return [
    lock,
    { ...lock, name: 'test.shred', risk: 'irreversible', reversible: false, undo: undefined },
    { ...lock, name: 'test.noop', changes: false, read: async () => ({ locked: false }), apply: async () => undefined, undo: undefined },
  ];
};

/** A delivery that remembers how it was settled, for unit tests of the service without a bus. */
export const recordedDelivery = (message: EnforcementMessage, attempt = 1, maxDeliver = 5) => {
  const settled: string[] = [];
  const d: BusDelivery = {
    message,
    family: message.action.split('.')[0] ?? message.action,
    attempt,
    ack: async () => void settled.push('ack'),
    nak: async (delayMs, reason) => {
      if (attempt >= maxDeliver) {
        settled.push(`dead:${reason}`);
        return 'dead-lettered';
      }
      settled.push(`nak:${delayMs}`);
      return 'retry';
    },
    defer: async (delayMs) => void settled.push(`defer:${delayMs}`),
    deadLetter: async (reason) => void settled.push(`dead:${reason}`),
  };
  return { d, settled };
};

const noAws: AwsClientFactory = () => {
  throw new Error('this test sends nothing to AWS');
};

/** The enforcement service over a store, the built-in and test actions, and a manual clock. */
export const enforcementHarness = (store: Store, over: { settings?: Partial<EnforcementSettings>; aws?: AwsClientFactory; maxDeliver?: number } = {}) => {
  const estate = new FakeEstate();
  const clock = new ManualClock(HARNESS_NOW);
  const settings: EnforcementSettings = { ...DEFAULT_ENFORCEMENT_SETTINGS, verify: { attempts: 2, delayMs: 1 }, retry: { baseMs: 100, maxMs: 10_000 }, ...over.settings };
  const actions = new Registry<EnforcementAction>('action', [...allActions(), ...testActions(estate)]);
  const service = new EnforcementService({ store, actions, aws: over.aws ?? noAws, settings, clock, actor: 'enforcer:test', maxDeliver: over.maxDeliver ?? 5 });
  return { estate, clock, settings, actions, service };
};

/** A live violation matching `enforcementMessage()`'s defaults. */
export const liveViolation = (id: string, over: Partial<Violation> = {}): Violation => ({
  id,
  policyId: 's3-bucket-public-access-block',
  resourceArn: 'arn:aws:s3:::payments-raw-7',
  resourceType: 'aws.s3.bucket',
  accountId: '111122223333',
  region: 'eu-west-1',
  owner: 'payments',
  severity: 'high',
  state: 'enforcing',
  remindersSent: 3,
  evidence: [],
  firstSeenAt: '2026-12-01T00:00:00.000Z',
  lastSeenAt: '2026-12-09T00:00:00.000Z',
  stateChangedAt: '2026-12-09T00:00:00.000Z',
  nextActionAt: null,
  resolvedAt: null,
  resolution: null,
  lastScanId: 'scan-1',
  version: 1,
  ...over,
});
