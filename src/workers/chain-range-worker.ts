/**
 * A worker thread of `vigil audit verify`: opens its own connection to the store and verifies one
 * range of the chain (src/audit-trail/chain-range.ts), then posts the result and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openAuditTrail } from '../composition-root.js';
import type { VigilConfig } from '../config/vigil-config.js';
import { verifyChainRange, type ChainRange } from '../audit-trail/chain-range.js';

export interface ChainRangeWorkerInput {
  config: VigilConfig;
  range: ChainRange;
  wantAt: number[];
  pageSize: number;
}

const input = workerData as ChainRangeWorkerInput;
const trail = await openAuditTrail(input.config);
try {
  parentPort!.postMessage(await verifyChainRange(trail.store.audit, input.range, input.wantAt, input.pageSize));
} finally {
  await trail.close();
}
