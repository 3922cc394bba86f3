/**
 * A worker thread of `vigil audit verify`: opens its own connection to the store and verifies one
 * range of the chain (src/audit-trail/chain-range.ts), then posts the result and exits.
 *
 * A lean entry on purpose: it imports the store and the verifier only, not the composition root
 * (which loads the providers, policies and their schemas: a second of start-up per worker on a loaded
 * machine). src/architecture/verify-worker-imports.test.ts keeps it that way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { verifyChainRange, type ChainRangeWorkerInput } from '../audit-trail/chain-range.js';
import { openStore } from '../store/open-store.js';

const input = workerData as ChainRangeWorkerInput;
const store = await openStore({ url: input.storeUrl, migrate: false });
try {
  parentPort!.postMessage(await verifyChainRange(store.audit, input.range, input.wantAt, input.pageSize));
} finally {
  await store.close();
}
