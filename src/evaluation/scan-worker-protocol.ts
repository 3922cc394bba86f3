import type { VigilConfig } from '../config/vigil-config.js';
import type { CollectRequest } from '../inventory/collect-request.js';
import type { PolicySetDefinition } from '../policies/policy-set.js';

/**
 * What the writing thread posts to a scan worker (as `workerData`): plain, structured-clonable data
 * from which the worker builds its graph through the composition root.
 *
 * @example
 * const input: ScanWorkerInput = { config, policySet: { policies, scopes }, source: 'demo', request: {}, now, credits: 20 };
 */
export interface ScanWorkerInput {
  config: VigilConfig;
  /** The policies the caller loaded and validated: the worker only compiles them. */
  policySet: PolicySetDefinition;
  source: string;
  request: CollectRequest;
  now: number;
  /** The demo estate's epoch (see DemoOptions.epoch), for `source: 'demo'`. */
  demoEpoch?: number;
  /** Batches the worker may post before it waits for an `ack`. */
  credits: number;
}

/** What a scan worker posts back; the writing thread answers each `batch` with `{ kind: 'ack' }`. */
export type ScanWorkerMessage =
  | { kind: 'batch'; batch: unknown }
  | { kind: 'done'; tally: unknown }
  | { kind: 'error'; code: string; status: number; message: string };
