/**
 * Worker-thread entry of a threaded scan: builds its own registries, policies and provider from the
 * (plain, frozen) config it is given, collects and judges the estate, and posts evaluated batches to
 * the writing thread — never more than `credits` ahead, so memory stays flat.
 */
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ManualClock } from '../common/clock.js';
import { VigilError } from '../common/vigil-error.js';
import type { VigilConfig } from '../config/vigil-config.js';
import { OwnerResolver } from '../inventory/owner-resolver.js';
import { compilePolicySet, type PolicySetDefinition } from '../policies/policy-set.js';
import { createRegistries } from '../policies/registries.js';
import { createProvider } from '../providers/provider-factory.js';
import type { CollectRequest } from '../inventory/collect-request.js';
import { evaluateStream } from './evaluate-stream.js';
import { Evaluator } from './evaluator.js';
import { ownerAccounts } from './owner-accounts.js';

export interface ScanWorkerInput {
  config: VigilConfig;
  /** The policies the caller loaded and validated: the worker only compiles them. */
  policySet: PolicySetDefinition;
  source: string;
  request: CollectRequest;
  now: number;
  credits: number;
}

export type ScanWorkerMessage =
  | { kind: 'batch'; batch: unknown }
  | { kind: 'done'; tally: unknown }
  | { kind: 'error'; code: string; status: number; message: string };

const port = parentPort;
if (port) {
  // The preload pass keeps every backup resource it generates, so V8's allocation-site feedback
  // learns that objects from the generators' sites survive, and in about one scan of three it then
  // allocates the whole streamed estate straight into the old generation: a major GC every two
  // seconds, the producer's CPU 13.5 → 23 s at 1M resources. Batches die young; say so.
  setFlagsFromString('--no-allocation-site-pretenuring');
  const input = workerData as ScanWorkerInput;
  let credits = input.credits;
  let wake: (() => void) | undefined;
  port.on('message', (m: { kind: string }) => {
    if (m.kind === 'ack') {
      credits++;
      wake?.();
    }
  });
  const run = async () => {
    const registries = createRegistries();
    const compiled = compilePolicySet(input.policySet, registries);
    const clock = new ManualClock(input.now);
    const stream = evaluateStream({
      provider: createProvider(input.source, input.config, registries.resourceTypes, clock),
      evaluator: new Evaluator(compiled),
      owners: (org) => new OwnerResolver(input.config.owners, ownerAccounts(org.accounts, input.config.owners.accounts)),
      request: input.request,
      now: input.now,
      snapshots: input.config.inventory.snapshots,
    });
    for await (const batch of stream.batches) {
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      port.postMessage({ kind: 'batch', batch } satisfies ScanWorkerMessage);
    }
    port.postMessage({ kind: 'done', tally: stream.tally() } satisfies ScanWorkerMessage);
  };
  run()
    .catch((e: unknown) => {
      const err = e instanceof VigilError ? e : new VigilError('scan.failed', (e as Error).stack ?? String(e));
      port.postMessage({ kind: 'error', code: err.code, status: err.status, message: err.message } satisfies ScanWorkerMessage);
    })
    .finally(() => port.close());
}
